// Typed client for the /__mock/* control routes (for a Playwright spec talking to the CLI-started mock).
import type { AnswerLength, Endpoint, Fault, FaultOptions, RecordedRequest } from './types';

export interface MockOpenAIControl {
  fail(endpoint: Endpoint, fault: Fault, options?: FaultOptions): Promise<void>;
  /** `match`: only a request whose JSON body contains this text takes the reply. */
  queueChatReply(reply: string | object, times?: number, match?: string): Promise<void>;
  setLatency(ms: number): Promise<void>;
  /** HTML fields of default answers: `{ words }` each, or `{ ratio }` of the words asked; undefined resets. */
  setAnswerLength(length: AnswerLength | undefined): Promise<void>;
  reset(): Promise<void>;
  requests(): Promise<RecordedRequest[]>;
  /** The most model requests in flight at once since the start or the last reset. */
  maxInFlight(): Promise<number>;
}

/** `origin` is the mock's origin (`http://127.0.0.1:4010`); a trailing `/v1` is tolerated. */
export function mockOpenAIControl(origin: string): MockOpenAIControl {
  const base = origin.replace(/\/+$/, '').replace(/\/v1$/, '');
  const call = async (method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> => {
    const res = await fetch(`${base}/__mock/${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json: unknown = await res.json();
    if (!res.ok) throw new Error(`mock-openai control ${method} ${path} failed: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  return {
    fail: async (endpoint, fault, options = {}) => void (await call('POST', 'fail', { endpoint, fault, ...options })),
    queueChatReply: async (reply, times, match) => void (await call('POST', 'chat-reply', { reply, times, match })),
    setLatency: async (ms) => void (await call('POST', 'latency', { ms })),
    setAnswerLength: async (length) => void (await call('POST', 'answer-length', length ?? {})),
    reset: async () => void (await call('POST', 'reset')),
    requests: async () => ((await call('GET', 'requests')) as { requests: RecordedRequest[] }).requests,
    maxInFlight: async () => ((await call('GET', 'requests')) as { maxInFlight: number }).maxInFlight,
  };
}
