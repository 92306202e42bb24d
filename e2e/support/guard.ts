import type { BrowserContext, ConsoleMessage, Page, Request, Response } from '@playwright/test';
import { REFRESH_PATH, isApiPath, isPublicEndpoint, isTenantPath } from './paths';

/** One API request the browser sent, in the order the events arrived. */
export interface ApiRequestRecord {
  seq: number;
  method: string;
  path: string;
  url: string;
  /** Resolved asynchronously; read only after `settle()`. */
  authorization: string | null;
  pageUrl: string;
}

export interface ApiResponseRecord {
  seq: number;
  request: ApiRequestRecord | undefined;
  method: string;
  path: string;
  url: string;
  status: number;
  /** `error.code` of an error body; read only after `settle()`. */
  code: string | undefined;
}

export interface ConsoleRecord {
  type: string;
  text: string;
  url: string;
  pageUrl: string;
}

/** A failed response the test expects (its console "Failed to load resource" line is then fine). */
export interface Allowance {
  method: string;
  path: string | RegExp;
  status: number;
  reason: string;
}

const NETWORK_FAILURE = /^Failed to load resource: the server responded with a status of (\d{3})/;

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}

function safePageUrl(page: Page | null): string {
  try {
    return page?.url() ?? '';
  } catch {
    return '';
  }
}

/**
 * Watches every page of the contexts it is attached to:
 * - console errors and uncaught page errors (any of them fails the test, except the browser's
 *   own "Failed to load resource" line for a response the guard can explain);
 * - every API request: each non-public one (all of /api/v1/accounts/ among them) must carry an
 *   Authorization header;
 * - every 401 of a non-public endpoint must be followed by a successful refresh and a
 *   successful retry of the same request;
 * - `window.__igny8.blockedRequestCount()` of every page still open at the end must be 0.
 */
export class BrowserGuard {
  private seq = 0;
  readonly requests: ApiRequestRecord[] = [];
  readonly responses: ApiResponseRecord[] = [];
  readonly consoleErrors: ConsoleRecord[] = [];
  readonly pageErrors: string[] = [];
  private readonly byRequest = new Map<Request, ApiRequestRecord>();
  private readonly pending = new Set<Promise<unknown>>();
  private readonly allowances: Allowance[] = [];
  private readonly contexts: BrowserContext[] = [];
  private readonly problems: string[] = [];

  attach(context: BrowserContext): void {
    this.contexts.push(context);
    context.on('request', (req) => this.onRequest(req));
    context.on('response', (res) => this.onResponse(res));
    context.on('console', (msg) => this.onConsole(msg));
    context.on('weberror', (err) => {
      this.pageErrors.push(`${safePageUrl(err.page())}: ${err.error().stack ?? err.error().message}`);
    });
  }

  /** Declares a failed response the test provokes on purpose. */
  allow(allowance: Allowance): void {
    this.allowances.push(allowance);
  }

  /** The next sequence number: events after this point have a larger one. */
  mark(): number {
    return this.seq + 1;
  }

  private track(p: Promise<unknown>): void {
    const tracked = p.catch(() => undefined).finally(() => this.pending.delete(tracked));
    this.pending.add(tracked);
  }

  private onRequest(req: Request): void {
    const path = pathOf(req.url());
    if (!isApiPath(path)) return;
    const record: ApiRequestRecord = {
      seq: ++this.seq,
      method: req.method(),
      path,
      url: req.url(),
      authorization: null,
      pageUrl: safePageUrl(req.frame()?.page() ?? null),
    };
    this.requests.push(record);
    this.byRequest.set(req, record);
    this.track(
      req.headerValue('authorization').then((value) => {
        record.authorization = value;
      }),
    );
  }

  private onResponse(res: Response): void {
    const path = pathOf(res.url());
    if (!isApiPath(path)) return;
    const record: ApiResponseRecord = {
      seq: ++this.seq,
      request: this.byRequest.get(res.request()),
      method: res.request().method(),
      path,
      url: res.url(),
      status: res.status(),
      code: undefined,
    };
    this.responses.push(record);
    if (record.status >= 400) {
      this.track(
        res.json().then((body: unknown) => {
          record.code = (body as { error?: { code?: string } } | undefined)?.error?.code;
        }),
      );
    }
  }

  private onConsole(msg: ConsoleMessage): void {
    if (msg.type() !== 'error' && msg.type() !== 'assert') return;
    this.consoleErrors.push({
      type: msg.type(),
      text: msg.text(),
      url: msg.location().url,
      pageUrl: safePageUrl(msg.page()),
    });
  }

  /** Waits for the header and body reads started by the event handlers. */
  async settle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  // ---- queries for the specs ---------------------------------------------------------------

  responsesSince(seq: number, filter: (r: ApiResponseRecord) => boolean = () => true): ApiResponseRecord[] {
    return this.responses.filter((r) => r.seq >= seq && filter(r));
  }

  requestsSince(seq: number, filter: (r: ApiRequestRecord) => boolean = () => true): ApiRequestRecord[] {
    return this.requests.filter((r) => r.seq >= seq && filter(r));
  }

  refreshRequestsSince(seq: number): ApiRequestRecord[] {
    return this.requestsSince(seq, (r) => r.method === 'POST' && r.path === REFRESH_PATH);
  }

  /**
   * A 401 of a non-public endpoint is harmless only when the client recovered: a refresh answered
   * 200 after the rejected request left, and the same request was then retried successfully.
   */
  isRecovered(r: ApiResponseRecord): boolean {
    const sentAt = r.request?.seq ?? r.seq;
    const refresh = this.responses.find(
      (f) => f.seq > sentAt && f.method === 'POST' && f.path === REFRESH_PATH && f.status === 200,
    );
    // A refresh that finished before the 401 arrived counts too: the client retries with its token.
    if (!refresh) return false;
    return this.responses.some(
      (t) =>
        t.seq > r.seq &&
        t.method === r.method &&
        t.url === r.url &&
        t.status < 400 &&
        (t.request?.seq ?? t.seq) > Math.max(refresh.seq, r.seq),
    );
  }

  /** Non-public API requests since `seq` that left without a bearer token (call `settle()` first). */
  requestsWithoutToken(since = 0): string[] {
    return this.requestsSince(
      since,
      (r) => !isPublicEndpoint(r.method, r.path) && !r.authorization?.startsWith('Bearer '),
    ).map((r) => `${r.method} ${r.url}`);
  }

  unrecovered401s(since = 0): ApiResponseRecord[] {
    return this.responsesSince(
      since,
      (r) => r.status === 401 && !isPublicEndpoint(r.method, r.path) && !this.isRecovered(r),
    );
  }

  private isAllowedFailure(r: ApiResponseRecord): boolean {
    if (r.status === 401 && !isPublicEndpoint(r.method, r.path) && this.isRecovered(r)) return true;
    return this.isAllowed(r);
  }

  private isAllowed(r: ApiResponseRecord): boolean {
    return this.allowances.some(
      (a) =>
        a.method === r.method &&
        a.status === r.status &&
        (typeof a.path === 'string' ? a.path === r.path : a.path.test(r.path)),
    );
  }

  /** Reads the blocked-request counter of every open page of the attached contexts. */
  async checkBlocked(context: BrowserContext): Promise<void> {
    for (const page of context.pages()) {
      if (page.isClosed() || !/^https?:/.test(page.url())) continue;
      const count = await page.evaluate(() => window.__igny8?.blockedRequestCount() ?? null).catch(() => null);
      if (count !== null && count !== 0) {
        this.problems.push(`${page.url()}: window.__igny8.blockedRequestCount() is ${count}, expected 0`);
      }
    }
  }

  /** Every problem seen so far; the fixture fails the test when this is not empty. */
  async report(): Promise<string[]> {
    for (const context of this.contexts) await this.checkBlocked(context);
    await this.settle();
    const out = [...this.problems];

    for (const e of this.pageErrors) out.push(`page error: ${e}`);

    for (const c of this.consoleErrors) {
      const failure = NETWORK_FAILURE.exec(c.text);
      if (failure) {
        const status = Number(failure[1]);
        const matching = this.responses.filter((r) => r.url === c.url && r.status === status);
        if (matching.length > 0 && matching.every((r) => this.isAllowedFailure(r))) continue;
        const codes = matching.map((r) => r.code ?? '?').join(', ');
        out.push(`console ${c.type} on ${c.pageUrl}: ${c.text} [${c.url}] (error code: ${codes || 'unknown'})`);
        continue;
      }
      out.push(`console ${c.type} on ${c.pageUrl}: ${c.text}`);
    }

    for (const r of this.requests) {
      if (isPublicEndpoint(r.method, r.path)) continue;
      if (!r.authorization?.startsWith('Bearer ')) {
        const scope = isTenantPath(r.path) ? 'tenant request' : 'request';
        out.push(`${scope} without Authorization: ${r.method} ${r.url} (from ${r.pageUrl})`);
      }
    }

    for (const r of this.unrecovered401s()) {
      if (!this.isAllowed(r))
        out.push(`401 (${r.code ?? '?'}) not followed by a successful refresh and retry: ${r.method} ${r.url}`);
    }
    return out;
  }
}
