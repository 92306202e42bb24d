// POST /v1/chat/completions → a chat.completion object.
import { randomUUID } from 'node:crypto';
import { fenced, malformed, replyContent } from './chat-content';
import { badRequest } from './errors';
import { isRecord } from './http-util';
import { fromError, ok, type Reply } from './reply';
import type { AnswerLength, ChatRequest, ChatResponder, Fault } from './types';

const tokens = (text: string): number => Math.max(1, Math.ceil(text.length / 4));

export function validateChat(body: unknown): { error: Reply } | { req: ChatRequest } {
  if (!isRecord(body)) {
    return {
      error: fromError(
        badRequest('We could not parse the JSON body of your request. The OpenAI API expects a JSON payload.'),
      ),
    };
  }
  if (typeof body.model !== 'string' || body.model === '') {
    return { error: fromError(badRequest('you must provide a model parameter')) };
  }
  if (!Array.isArray(body.messages)) {
    return {
      error: fromError(badRequest("Missing required parameter: 'messages'.", 'messages', 'missing_required_parameter')),
    };
  }
  if (body.stream === true) {
    return { error: fromError(badRequest('mock-openai does not implement streaming (stream: true).', 'stream')) };
  }
  return { req: body as ChatRequest };
}

export async function chatCompletion(
  body: unknown,
  responders: readonly ChatResponder[],
  fault?: Fault,
  length?: AnswerLength,
): Promise<Reply> {
  const checked = validateChat(body);
  if ('error' in checked) return checked.error;
  const { req } = checked;

  let content = await replyContent(req, responders, length);
  if (fault === 'malformed_json') content = malformed(content);
  if (fault === 'fenced_json') content = fenced(content);

  const n = Number.isInteger(req.n) && (req.n as number) > 0 ? Math.min(req.n as number, 8) : 1;
  const promptTokens = tokens(JSON.stringify(req.messages));
  const completionTokens = tokens(content) * n;
  return ok({
    id: `chatcmpl-mock${randomUUID().replace(/-/g, '').slice(0, 24)}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: req.model,
    choices: Array.from({ length: n }, (_, index) => ({
      index,
      message: { role: 'assistant', content, refusal: null, annotations: [] },
      logprobs: null,
      finish_reason: 'stop',
    })),
    usage: {
      prompt_tokens: promptTokens,
      completion_tokens: completionTokens,
      total_tokens: promptTokens + completionTokens,
    },
    service_tier: 'default',
    system_fingerprint: 'fp_mock',
  });
}
