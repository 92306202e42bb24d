import OpenAI from 'openai';

/** Provider failures by what the task engine should do about them. */
export type ProviderErrorKind =
  | 'rate_limited' // wait Retry-After, retry without spending an attempt
  | 'server' // 5xx: retry with backoff
  | 'timeout'
  | 'connection'
  | 'invalid_key' // no retry: the whole task stops
  | 'quota'
  | 'content_policy' // no retry: this item fails
  | 'bad_request'
  | 'invalid_output'; // the model's reply could not be used, even after one repair

export class ProviderError extends Error {
  constructor(
    readonly kind: ProviderErrorKind,
    message: string,
    readonly retryAfterMs?: number,
    readonly status?: number,
  ) {
    super(message);
  }

  get retryable(): boolean {
    return ['rate_limited', 'server', 'timeout', 'connection'].includes(this.kind);
  }

  /** Errors that will fail every other item too, so the task stops at once. */
  get fatalForTask(): boolean {
    return this.kind === 'invalid_key' || this.kind === 'quota';
  }

  /** Machine code for task runs and API answers. */
  get code(): string {
    return `provider_${this.kind}`;
  }
}

function retryAfterMs(headers: Headers | undefined): number | undefined {
  if (!headers) return undefined;
  const ms = Number(headers.get('retry-after-ms'));
  if (Number.isFinite(ms) && ms > 0) return ms;
  const raw = headers.get('retry-after');
  if (!raw) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** Maps an OpenAI SDK error (also from compatible servers) to a ProviderError with the provider's own message. */
export function classifyProviderError(e: unknown): ProviderError {
  if (e instanceof ProviderError) return e;
  if (e instanceof OpenAI.APIConnectionTimeoutError) return new ProviderError('timeout', 'The AI provider did not answer in time');
  if (e instanceof OpenAI.APIConnectionError) {
    return new ProviderError('connection', `Could not reach the AI provider: ${e.message}`);
  }
  if (e instanceof OpenAI.APIError) {
    const body = e.error as { message?: string; code?: string; type?: string } | undefined;
    const message = body?.message ?? e.message;
    const code = e.code ?? body?.code;
    const type = e.type ?? body?.type;
    if (e.status === 429) {
      if (code === 'insufficient_quota' || type === 'insufficient_quota') return new ProviderError('quota', message, undefined, 429);
      return new ProviderError('rate_limited', message, retryAfterMs(e.headers), 429);
    }
    if (e.status === 401 || e.status === 403) return new ProviderError('invalid_key', message, undefined, e.status);
    if (code === 'content_policy_violation' || /safety system|content policy/i.test(message)) {
      return new ProviderError('content_policy', message, undefined, e.status);
    }
    if (e.status !== undefined && e.status >= 500) return new ProviderError('server', message, undefined, e.status);
    return new ProviderError('bad_request', message, undefined, e.status);
  }
  throw e;
}
