/** An error answered by the API in the shape `{ error: { code, message, details } }`. */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    /** One of `ErrorCode` from the contracts, or `http_<status>` when the body had no error shape. */
    readonly code: string,
    message: string,
    readonly details?: unknown,
    /** Seconds from a Retry-After header (429). */
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}

/**
 * A non-public request was about to leave without an access token. That is a bug in the app
 * (something rendered before the auth gate, or after logout); the request is not sent.
 */
export class MissingTokenError extends Error {
  override readonly name = 'MissingTokenError';

  constructor(
    readonly method: string,
    readonly path: string,
  ) {
    super('You are not signed in.');
  }
}

/** The network failed before any HTTP answer arrived. */
export class NetworkError extends Error {
  override readonly name = 'NetworkError';

  constructor(cause: unknown) {
    super('Cannot reach the server. Check your connection and try again.', { cause });
  }
}

export function errorMessage(err: unknown): string {
  if (err instanceof Error && err.message) return err.message;
  return 'Something went wrong.';
}

export function isApiError(err: unknown, code?: string): err is ApiError {
  return err instanceof ApiError && (code === undefined || err.code === code);
}
