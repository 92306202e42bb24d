// What a scripted fault does to one request.
import { contentPolicy, invalidKey, quota, rateLimit, serverError } from './errors';
import { fromError, type Reply } from './reply';
import type { QueuedFault } from './types';

export const DEFAULT_RETRY_AFTER_SECONDS = 1;
export const DEFAULT_SLOW_MS = 2000;

export type FaultOutcome =
  | { kind: 'reply'; reply: Reply } // answer with this instead
  | { kind: 'hold' } // never answer (until the client gives up or the server closes)
  | { kind: 'delay'; ms: number } // then answer normally
  | { kind: 'content'; fault: 'malformed_json' | 'fenced_json' }; // answer 200 with damaged content

export function faultOutcome(q: QueuedFault, apiKey: string, model: string): FaultOutcome {
  switch (q.fault) {
    case 'rate_limit':
      return { kind: 'reply', reply: fromError(rateLimit(model, q.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS)) };
    case 'server_error':
      return { kind: 'reply', reply: fromError(serverError()) };
    case 'content_policy':
      return { kind: 'reply', reply: fromError(contentPolicy()) };
    case 'invalid_key':
      return { kind: 'reply', reply: fromError(invalidKey(apiKey)) };
    case 'quota':
      return { kind: 'reply', reply: fromError(quota()) };
    case 'slow':
      return { kind: 'delay', ms: q.delayMs ?? DEFAULT_SLOW_MS };
    case 'timeout':
      return { kind: 'hold' };
    case 'malformed_json':
    case 'fenced_json':
      return { kind: 'content', fault: q.fault };
  }
}
