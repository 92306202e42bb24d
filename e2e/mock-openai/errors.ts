// OpenAI error responses, with the exact status, body and headers the real API sends.
export interface ErrorReply {
  status: number;
  body: { error: { message: string; type: string; param: string | null; code: string | null } };
  headers?: Record<string, string>;
}

function error(
  status: number,
  message: string,
  type: string,
  code: string | null,
  param: string | null = null,
): ErrorReply {
  return { status, body: { error: { message, type, param, code } } };
}

/** `sk-abc...wxyz` style masking, as OpenAI does in its 401 message. */
export function maskKey(key: string): string {
  if (key.length <= 8) return key;
  return `${key.slice(0, 3)}${'*'.repeat(Math.min(key.length - 7, 24))}${key.slice(-4)}`;
}

export const invalidKey = (key: string): ErrorReply =>
  error(
    401,
    `Incorrect API key provided: ${maskKey(key)}. You can find your API key at https://platform.openai.com/account/api-keys.`,
    'invalid_request_error',
    'invalid_api_key',
  );

export const missingKey = (): ErrorReply =>
  error(
    401,
    "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) if you're accessing the API from your browser and are prompted for a username. You can obtain an API key from https://platform.openai.com/account/api-keys.",
    'invalid_request_error',
    null,
  );

export function rateLimit(model: string, retryAfterSeconds: number): ErrorReply {
  const reply = error(
    429,
    `Rate limit reached for ${model} in organization org-mock on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in ${retryAfterSeconds}s. Visit https://platform.openai.com/account/rate-limits to learn more.`,
    'rate_limit_error',
    'rate_limit_exceeded',
  );
  reply.headers = {
    'retry-after': String(Math.max(0, Math.ceil(retryAfterSeconds))),
    'retry-after-ms': String(Math.max(0, Math.round(retryAfterSeconds * 1000))),
    'x-ratelimit-limit-requests': '3',
    'x-ratelimit-remaining-requests': '0',
    'x-ratelimit-reset-requests': `${retryAfterSeconds}s`,
  };
  return reply;
}

export const quota = (): ErrorReply =>
  error(
    429,
    'You exceeded your current quota, please check your plan and billing details.',
    'insufficient_quota',
    'insufficient_quota',
  );

export const serverError = (): ErrorReply =>
  error(500, 'The server had an error while processing your request.', 'server_error', null);

export const contentPolicy = (): ErrorReply =>
  error(
    400,
    'Your request was rejected as a result of our safety system. Your prompt may contain text that is not allowed by our safety system.',
    'invalid_request_error',
    'content_policy_violation',
  );

export const badRequest = (message: string, param: string | null = null, code: string | null = null): ErrorReply =>
  error(400, message, 'invalid_request_error', code, param);

export const notFound = (message: string, param: string | null = null, code: string | null = null): ErrorReply =>
  error(404, message, 'invalid_request_error', code, param);
