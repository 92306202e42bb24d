import OpenAI from 'openai';
import { DownloadRefusedError } from '../../net/download';
import { OutboundBlockedError } from '../../net/outbound';

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
  | 'invalid_output' // the model's reply could not be used, even after one repair
  | 'blocked'; // the outbound policy refused the address: no retry, the whole task stops

export class ProviderError extends Error {
  /** What to change in the settings when this keeps happening (ai/advice.ts); set by the AI session. */
  hint?: string;

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

  /** Errors that say something about this item only (its prompt), not about the provider or settings. */
  get itemSpecific(): boolean {
    return this.kind === 'content_policy';
  }

  /** Errors that will fail every other item too, so the task stops at once. */
  get fatalForTask(): boolean {
    return this.kind === 'invalid_key' || this.kind === 'quota' || this.kind === 'blocked';
  }

  /** Machine code for task runs and API answers. */
  get code(): string {
    return this.kind === 'blocked' ? 'outbound_blocked' : `provider_${this.kind}`;
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

/**
 * Maps an OpenAI SDK error (also from compatible servers), an outbound-policy refusal or a
 * download failure to a ProviderError. Only a provider-shaped error body (`{"error":{"message"}}`)
 * is quoted: whatever else a server answers is never echoed, since the server may be anything
 * an account pointed us at.
 */
export function classifyProviderError(e: unknown): ProviderError {
  if (e instanceof ProviderError) return e;
  const cause = (e as { cause?: unknown } | undefined)?.cause;
  if (e instanceof OutboundBlockedError) return new ProviderError('blocked', e.message);
  if (cause instanceof OutboundBlockedError) return new ProviderError('blocked', cause.message);
  if (e instanceof DownloadRefusedError) return fromDownload(e);
  if (e instanceof OpenAI.APIConnectionTimeoutError || (e instanceof Error && e.name === 'TimeoutError')) {
    return new ProviderError('timeout', 'The AI provider did not answer in time');
  }
  if (e instanceof OpenAI.APIConnectionError) {
    return new ProviderError('connection', `Could not reach the AI provider: ${e.message}`);
  }
  // The SDK parses a JSON reply as it arrives; a cut-off or garbled body surfaces as SyntaxError.
  // Like a 5xx it is the provider's transient fault, so it is retried (its text may quote the body: not shown).
  if (e instanceof SyntaxError)
    return new ProviderError('server', 'The AI provider sent a malformed reply (invalid JSON)');
  if (e instanceof OpenAI.APIError) {
    const body = e.error as { message?: unknown; code?: string; type?: string } | undefined;
    const providerMessage = typeof body?.message === 'string' ? body.message : undefined;
    const message = providerMessage ?? `The server answered HTTP ${e.status ?? '?'} without an OpenAI-compatible error`;
    const code = e.code ?? body?.code;
    const type = e.type ?? body?.type;
    if (e.status === 429) {
      if (code === 'insufficient_quota' || type === 'insufficient_quota')
        return new ProviderError('quota', message, undefined, 429);
      return new ProviderError('rate_limited', message, retryAfterMs(e.headers), 429);
    }
    if (e.status === 401 || e.status === 403) return new ProviderError('invalid_key', message, undefined, e.status);
    if (
      code === 'content_policy_violation' ||
      (providerMessage && /safety system|content policy/i.test(providerMessage))
    ) {
      return new ProviderError('content_policy', message, undefined, e.status);
    }
    if (e.status !== undefined && e.status >= 500) return new ProviderError('server', message, undefined, e.status);
    return new ProviderError('bad_request', message, undefined, e.status);
  }
  throw e;
}

function fromDownload(e: DownloadRefusedError): ProviderError {
  if (e.reason !== 'status') return new ProviderError('invalid_output', e.message);
  if (e.status === 429) return new ProviderError('rate_limited', e.message, undefined, 429);
  return new ProviderError(e.status && e.status >= 500 ? 'server' : 'bad_request', e.message, undefined, e.status);
}
