// Shared types of the mock OpenAI server. Test-only: never imported by product code.
import type { IncomingHttpHeaders } from 'node:http';

export type Endpoint = 'chat' | 'images' | 'embeddings' | 'models';
export const ENDPOINTS: readonly Endpoint[] = ['chat', 'images', 'embeddings', 'models'];

export type Fault =
  | 'rate_limit'
  | 'server_error'
  | 'slow'
  | 'timeout'
  | 'malformed_json'
  | 'fenced_json'
  | 'content_policy'
  | 'invalid_key'
  | 'quota';
export const FAULTS: readonly Fault[] = [
  'rate_limit',
  'server_error',
  'slow',
  'timeout',
  'malformed_json',
  'fenced_json',
  'content_policy',
  'invalid_key',
  'quota',
];

export interface FaultOptions {
  /** How many of the next requests to that endpoint get the fault (default 1; Infinity allowed in-process). */
  times?: number;
  /** rate_limit: value of Retry-After (seconds, default 1); retry-after-ms carries the same in ms. */
  retryAfterSeconds?: number;
  /** slow: delay before the normal answer (default 2000 ms). */
  delayMs?: number;
}

export interface QueuedFault extends FaultOptions {
  fault: Fault;
  remaining: number;
}

export interface RecordedRequest {
  method: string;
  /** Path without the query string, e.g. `/v1/chat/completions`. */
  path: string;
  endpoint: Endpoint | 'files' | 'other';
  headers: IncomingHttpHeaders;
  /** Parsed JSON body, the raw text if it was not JSON, undefined if empty. */
  body: unknown;
  at: number;
  /** Model requests (chat, images, models) already in flight when this one arrived, this one included. */
  inFlight: number;
  /** When the answer was sent (undefined while it is still being answered). */
  doneAt?: number;
}

export interface ChatMessage {
  role: string;
  content?: unknown;
  [key: string]: unknown;
}

export type ResponseFormat =
  | { type: 'text' }
  | { type: 'json_object' }
  | { type: 'json_schema'; json_schema: { name: string; schema?: JsonSchema; strict?: boolean | null } };

export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  response_format?: ResponseFormat;
  n?: number;
  [key: string]: unknown;
}

/** Return a string (used verbatim), an object (JSON.stringify'd) or undefined (next responder). */
export type ChatReply = string | object | undefined;
export type ChatResponder = (req: ChatRequest) => ChatReply | Promise<ChatReply>;

export type JsonSchema = { [key: string]: unknown };

/**
 * How long the default answers' HTML fields (`…html`) are: a fixed number of words, or a share of
 * the words the request asks for that field (1 = exactly as asked, 0.5 = half), at most `maxWords` (a model that
 * stops early whatever it is asked).
 */
export type AnswerLength = { words: number } | { ratio: number; maxWords?: number };

export interface MockOpenAIOptions {
  /** Valid API keys: a list, or a predicate. Default: any key starting with `sk-`. */
  apiKeys?: readonly string[] | ((key: string) => boolean);
  /** Delay applied before every response (realistic latency for browser tests). Default 0. */
  latencyMs?: number;
  /** Model ids listed by GET /v1/models. */
  models?: readonly string[];
  /** Port to listen on (default 0 = any free port). */
  port?: number;
  /** Host to bind (default 127.0.0.1). */
  host?: string;
  /** Length of HTML fields in default answers (default: a short sample). */
  answerLength?: AnswerLength;
  /** Serve the `/__mock/*` control routes (default true). */
  control?: boolean;
}
