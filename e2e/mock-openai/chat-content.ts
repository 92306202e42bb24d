// The assistant's reply text: responders first, then the schema-driven default; plus content faults.
import { isRecord } from './http-util';
import { sampleFromSchema } from './schema-sample';
import { lengthyField } from './answer-length';
import type { AnswerLength, ChatReply, ChatRequest, ChatResponder } from './types';

export function lastUserText(req: ChatRequest): string {
  const user = [...req.messages].reverse().find((m) => m.role === 'user');
  const content = user?.content;
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((part) => (isRecord(part) && typeof part.text === 'string' ? part.text : ''))
      .filter(Boolean)
      .join(' ');
  }
  return '';
}

export function defaultReply(req: ChatRequest, length?: AnswerLength): string | object {
  const stringFor = lengthyField(req, length);
  const format = req.response_format;
  const echo = `Mock reply to: ${lastUserText(req).slice(0, 80)}`;
  if (format?.type === 'json_schema' && isRecord(format.json_schema.schema)) {
    return JSON.stringify(sampleFromSchema(format.json_schema.schema, format.json_schema.name, stringFor));
  }
  // Like a capable model, follow a JSON Schema given in the instructions (JSON mode or plain text).
  const schema = schemaInInstructions(req);
  if (schema)
    return JSON.stringify(
      sampleFromSchema(schema, format?.type === 'json_object' ? 'json_mode' : 'instructions', stringFor),
    );
  if (format?.type === 'json_object') return { message: echo };
  return echo;
}

function schemaInInstructions(req: ChatRequest): Record<string, unknown> | undefined {
  for (const m of req.messages) {
    if (typeof m.content !== 'string') continue;
    const at = m.content.indexOf('JSON Schema:');
    if (at < 0) continue;
    try {
      const parsed: unknown = JSON.parse(m.content.slice(at + 'JSON Schema:'.length).trim());
      if (isRecord(parsed)) return parsed;
    } catch {
      // not a schema after all
    }
  }
  return undefined;
}

export async function replyContent(
  req: ChatRequest,
  responders: readonly ChatResponder[],
  length?: AnswerLength,
): Promise<string> {
  for (const responder of responders) {
    const reply = await responder(req);
    if (reply !== undefined) return toContent(reply);
  }
  return toContent(defaultReply(req, length));
}

function toContent(reply: Exclude<ChatReply, undefined>): string {
  return typeof reply === 'string' ? reply : JSON.stringify(reply);
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Truncated JSON, as when a model stops mid-object. Never parses. */
export function malformed(content: string): string {
  const cut = content.slice(0, Math.max(1, Math.floor(content.length / 2)));
  return content.trimStart().startsWith('{') && !parses(cut) ? cut : '{"title": "Unclosed';
}

/** Valid JSON inside a ```json fence, with prose before and after. */
export function fenced(content: string): string {
  const value: unknown = parses(content) ? JSON.parse(content) : { message: content };
  return `Sure! Here is the JSON you asked for:\n\n\`\`\`json\n${JSON.stringify(value, null, 2)}\n\`\`\`\n\nLet me know if you need any changes.`;
}
