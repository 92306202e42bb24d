// /__mock/* routes: script the mock over HTTP from another process (e.g. a Playwright spec).
import { isRecord } from './http-util';
import { ok, type Reply } from './reply';
import type { AnswerLength, Endpoint, Fault, FaultOptions, RecordedRequest } from './types';

export interface ControlTarget {
  readonly requests: readonly RecordedRequest[];
  fail(endpoint: Endpoint, fault: Fault, options?: FaultOptions): void;
  reset(): void;
  setLatency(ms: number): void;
  setAnswerLength(length: AnswerLength | undefined): void;
  queueChatReply(reply: string | object, times?: number, match?: string): void;
  pendingFaults(): unknown;
  maxInFlight(): number;
}

const bad = (message: string): Reply => ({ status: 400, json: { error: { message, type: 'mock_control_error' } } });
const optionalNumber = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

export function control(method: string, path: string, body: unknown, target: ControlTarget): Reply {
  const b = isRecord(body) ? body : {};
  try {
    switch (`${method} ${path}`) {
      case 'GET /__mock/health':
        return ok({ ok: true });
      case 'GET /__mock/requests':
        return ok({ requests: target.requests, maxInFlight: target.maxInFlight() });
      case 'GET /__mock/faults':
        return ok(target.pendingFaults());
      case 'POST /__mock/reset':
        target.reset();
        return ok({ ok: true });
      case 'POST /__mock/latency':
        if (typeof b.ms !== 'number' || b.ms < 0) return bad('latency: { ms: number >= 0 } required');
        target.setLatency(b.ms);
        return ok({ ok: true, latencyMs: b.ms });
      case 'POST /__mock/answer-length':
        if (b.words === undefined && b.ratio === undefined) {
          target.setAnswerLength(undefined);
          return ok({ ok: true });
        }
        if (typeof b.words === 'number' && b.words > 0) target.setAnswerLength({ words: b.words });
        else if (typeof b.ratio === 'number' && b.ratio > 0)
          target.setAnswerLength({
            ratio: b.ratio,
            ...(typeof b.maxWords === 'number' ? { maxWords: b.maxWords } : {}),
          });
        else return bad('answer-length: { words: number > 0 } or { ratio: number > 0, maxWords? } (or {} to reset)');
        return ok({ ok: true });
      case 'POST /__mock/fail':
        target.fail(b.endpoint as Endpoint, b.fault as Fault, {
          times: optionalNumber(b.times),
          retryAfterSeconds: optionalNumber(b.retryAfterSeconds),
          delayMs: optionalNumber(b.delayMs),
        });
        return ok({ ok: true, pending: target.pendingFaults() });
      case 'POST /__mock/chat-reply':
        if (typeof b.reply !== 'string' && !isRecord(b.reply) && !Array.isArray(b.reply)) {
          return bad('chat-reply: { reply: string | object, times?: number, match?: string } required');
        }
        target.queueChatReply(b.reply, optionalNumber(b.times), typeof b.match === 'string' ? b.match : undefined);
        return ok({ ok: true });
      default:
        return {
          status: 404,
          json: { error: { message: `Unknown control route ${method} ${path}`, type: 'mock_control_error' } },
        };
    }
  } catch (err) {
    return bad(err instanceof Error ? err.message : String(err));
  }
}
