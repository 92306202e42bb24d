// The mock server: lifecycle, recording, latency, auth, faults, then the endpoint handlers.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { authenticate, keyCheck } from './auth';
import { chatCompletion } from './chat';
import { control } from './control';
import { faultOutcome, type FaultOutcome } from './fault-outcome';
import { FaultQueue } from './faults';
import { isRecord, parseBody, readBody, sendJson, sendRaw, sleep } from './http-util';
import { EmbeddingModel } from './embeddings';
import { ImageStore } from './images';
import { DEFAULT_MODELS, listModels, retrieveModel } from './models';
import { fromError, type Reply } from './reply';
import { ReplyQueue } from './reply-queue';
import { isApiEndpoint, route, type Route } from './routes';
import type {
  AnswerLength,
  ChatResponder,
  Endpoint,
  Fault,
  FaultOptions,
  MockOpenAIOptions,
  RecordedRequest,
} from './types';

export interface MockOpenAI {
  /** Base URL for the SDK, including `/v1`, e.g. `http://127.0.0.1:PORT/v1`. */
  readonly url: string;
  /** `http://127.0.0.1:PORT` (control routes and image files live here). */
  readonly origin: string;
  /** Every request except `/__mock/*` control calls, oldest first. */
  readonly requests: RecordedRequest[];
  /** Add a chat responder; the first one returning non-undefined wins. Returns a remover. */
  onChat(responder: ChatResponder): () => void;
  /** From now on `text` embeds as `vector` (other texts: vectors of their words). */
  pinEmbedding(text: string, vector: readonly number[]): void;
  /** Queue a fault for the next `times` (default 1) requests to `endpoint`. */
  fail(endpoint: Endpoint, fault: Fault, options?: FaultOptions): void;
  /** Queue a canned chat reply (takes precedence over responders); `match`: only for requests whose body contains it. */
  queueChatReply(reply: string | object, times?: number, match?: string): void;
  setLatency(ms: number): void;
  /** How long HTML fields of default answers are (undefined: a short sample). */
  setAnswerLength(length: AnswerLength | undefined): void;
  pendingFaults(): ReturnType<FaultQueue['pending']>;
  /** The most model requests (chat, images, models) that were in flight at once since the start or the last reset. */
  maxInFlight(): number;
  /** Forget requests, faults, responders, canned replies and pinned embeddings; restore the starting latency. */
  reset(): void;
  /** Stop listening, drop held (timeout) and open connections. */
  close(): Promise<void>;
}

class MockServer implements MockOpenAI {
  readonly requests: RecordedRequest[] = [];
  url = '';
  origin = '';
  private readonly server: Server;
  private readonly faults = new FaultQueue();
  private readonly images = new ImageStore();
  private readonly embeddings = new EmbeddingModel();
  private readonly canned = new ReplyQueue();
  private readonly held = new Set<ServerResponse>();
  private readonly closing = new AbortController();
  private readonly isValidKey;
  private readonly models: readonly string[];
  private responders: ChatResponder[] = [];
  private latencyMs: number;
  private answerLength: AnswerLength | undefined;
  private inFlight = 0;
  private peakInFlight = 0;

  constructor(private readonly opts: MockOpenAIOptions) {
    this.isValidKey = keyCheck(opts.apiKeys);
    this.models = opts.models ?? DEFAULT_MODELS;
    this.latencyMs = opts.latencyMs ?? 0;
    this.answerLength = opts.answerLength;
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => {
        sendJson(res, 500, { error: { message: `mock-openai crashed: ${String(err)}`, type: 'mock_error' } });
      });
    });
  }

  async listen(): Promise<void> {
    const host = this.opts.host ?? '127.0.0.1';
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.opts.port ?? 0, host, () => resolve());
    });
    const { port } = this.server.address() as AddressInfo;
    this.origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
    this.url = `${this.origin}/v1`;
  }

  onChat(responder: ChatResponder): () => void {
    this.responders.push(responder);
    return () => {
      this.responders = this.responders.filter((r) => r !== responder);
    };
  }

  pinEmbedding(text: string, vector: readonly number[]): void {
    this.embeddings.pin(text, vector);
  }

  fail(endpoint: Endpoint, fault: Fault, options?: FaultOptions): void {
    this.faults.add(endpoint, fault, options);
  }

  queueChatReply(reply: string | object, times?: number, match?: string): void {
    this.canned.push(reply, times, match);
  }

  setLatency(ms: number): void {
    this.latencyMs = ms;
  }

  setAnswerLength(length: AnswerLength | undefined): void {
    this.answerLength = length;
  }

  pendingFaults() {
    return this.faults.pending();
  }

  maxInFlight(): number {
    return this.peakInFlight;
  }

  reset(): void {
    this.requests.length = 0;
    this.peakInFlight = this.inFlight;
    this.faults.clear();
    this.canned.clear();
    this.embeddings.reset();
    this.responders = [];
    this.latencyMs = this.opts.latencyMs ?? 0;
    this.answerLength = this.opts.answerLength;
  }

  async close(): Promise<void> {
    this.closing.abort();
    for (const res of this.held) res.destroy();
    this.held.clear();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const path = new URL(req.url ?? '/', 'http://mock').pathname;
    const body = parseBody(await readBody(req));
    res.setHeader('x-request-id', `req_mock_${Math.random().toString(36).slice(2, 14)}`);

    if (path.startsWith('/__mock/') && this.opts.control !== false) {
      return this.write(res, control(method, path, body, this));
    }

    const r = route(method, path);
    const counted = isApiEndpoint(r);
    if (counted) this.peakInFlight = Math.max(this.peakInFlight, ++this.inFlight);
    const recorded: RecordedRequest = {
      method,
      path,
      endpoint: r.endpoint,
      headers: req.headers,
      body,
      at: Date.now(),
      inFlight: this.inFlight,
    };
    this.requests.push(recorded);
    // Counted until the answer is sent or the client gives up (a held timeout).
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      recorded.doneAt = Date.now();
      if (counted) this.inFlight--;
    };
    res.once('finish', finish);
    res.once('close', finish);
    await this.waitLatency(recorded.at);
    await this.answer(r, method, path, body, req, res);
  }

  /** Waits out the latency in force: lowering it answers at once the requests that have waited longer. */
  private async waitLatency(since: number): Promise<void> {
    while (!this.closing.signal.aborted) {
      const left = since + this.latencyMs - Date.now();
      if (left <= 0) return;
      await sleep(Math.min(left, 100), this.closing.signal);
    }
  }

  private async answer(
    r: Route,
    method: string,
    path: string,
    body: unknown,
    req: IncomingMessage,
    res: ServerResponse,
  ) {
    if (r.endpoint === 'files') {
      const png = this.images.file(r.fileId);
      return png
        ? this.write(res, { status: 200, raw: png, contentType: 'image/png' })
        : sendJson(res, 404, {
            error: { message: 'File not found', type: 'invalid_request_error', param: null, code: null },
          });
    }
    if (r.endpoint === 'other') {
      const message = `Invalid URL (${method} ${path})`;
      return sendJson(res, 404, { error: { message, type: 'invalid_request_error', param: null, code: null } });
    }

    const auth = authenticate(req.headers, this.isValidKey);
    if ('error' in auth) return this.write(res, fromError(auth.error));

    const queued = this.faults.take(r.endpoint);
    const model = isRecord(body) && typeof body.model === 'string' ? body.model : 'gpt-4o';
    const outcome: FaultOutcome | undefined = queued && faultOutcome(queued, auth.key, model);
    if (outcome?.kind === 'reply') return this.write(res, outcome.reply);
    if (outcome?.kind === 'hold') return this.hold(res);
    if (outcome?.kind === 'delay') await sleep(outcome.ms, this.closing.signal);
    const contentFault = outcome?.kind === 'content' ? outcome.fault : undefined;

    let reply: Reply;
    if (r.endpoint === 'chat')
      reply = await chatCompletion(body, [this.canned.responder, ...this.responders], contentFault, this.answerLength);
    else if (r.endpoint === 'images') reply = this.images.generate(body, this.origin);
    else if (r.endpoint === 'embeddings') reply = this.embeddings.embed(body);
    else reply = r.modelId === undefined ? listModels(this.models) : retrieveModel(this.models, r.modelId);

    if (contentFault === 'malformed_json' && r.endpoint !== 'chat' && 'json' in reply) {
      const text = JSON.stringify(reply.json);
      return sendRaw(res, 200, text.slice(0, Math.max(1, Math.floor(text.length / 2))));
    }
    this.write(res, reply);
  }

  /** Keep the request open until the client gives up or the server closes. */
  private hold(res: ServerResponse): void {
    this.held.add(res);
    res.on('close', () => this.held.delete(res));
  }

  private write(res: ServerResponse, reply: Reply): void {
    if ('raw' in reply) sendRaw(res, reply.status, reply.raw, {}, reply.contentType);
    else sendJson(res, reply.status, reply.json, reply.headers ?? {});
  }
}

export async function startMockOpenAI(opts: MockOpenAIOptions = {}): Promise<MockOpenAI> {
  const mock = new MockServer(opts);
  await mock.listen();
  return mock;
}
