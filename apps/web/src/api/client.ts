import type { ZodType } from 'zod';
import { authResponseSchema, errorBodySchema, isPublicEndpoint } from '@igny8/contracts';
import { postAuthMessage } from '../auth/broadcast';
import { authStore, clearSession, sessionFromAuthResponse, setSession, type Session } from '../auth/store';
import { ApiError, MissingTokenError, NetworkError } from './errors';

/**
 * The one way the web app talks to the API (DESIGN §4):
 * - the access token is read from the store when the request leaves, never captured earlier;
 * - at most one refresh runs at a time in this tab (shared promise) and across tabs (Web Locks);
 * - a 401 auth_expired/auth_invalid triggers one refresh and one retry;
 * - the session ends only when the refresh itself is refused;
 * - a non-public request without a token is a bug: it is blocked, reported and never sent.
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions<T> {
  method?: HttpMethod;
  body?: unknown;
  /** Contract schema for the success body; a mismatch fails loudly instead of rendering garbage. */
  schema?: ZodType<T>;
  signal?: AbortSignal;
  /** Extra request headers (e.g. Idempotency-Key); never Authorization, which the client owns. */
  headers?: Record<string, string>;
}

export type RefreshOutcome = 'refreshed' | 'refused' | 'unavailable';

const REFRESH_PATH = '/api/v1/auth/refresh';
const REFRESH_LOCK = 'igny8-refresh';
/** A token this close to expiry is refreshed before use rather than sent to be rejected. */
const EXPIRY_SKEW_MS = 5_000;
/** Proactive refresh starts this long before expiry (capped at a fifth of the token lifetime). */
const PROACTIVE_LEAD_MS = 60_000;

// ---- blocked-request reporting -------------------------------------------------------------

let blockedRequests = 0;

/** How many requests were blocked for lack of a token since load (tests assert on it). */
export function blockedRequestCount(): number {
  return blockedRequests;
}

export function resetBlockedRequestCount(): void {
  blockedRequests = 0;
}

function reportMissingToken(method: HttpMethod, path: string): never {
  blockedRequests += 1;
  console.error(
    `[igny8:auth:missing-token] BLOCKED ${method} ${path}: a non-public request had no access token ` +
      '(rendered before the auth gate or after logout). The request was not sent.',
  );
  throw new MissingTokenError(method, path);
}

// ---- session lifecycle -----------------------------------------------------------------------

/** Bumped whenever the session ends, so a refresh answer that lands after a logout is dropped. */
let sessionEpoch = 0;
let proactiveTimer: ReturnType<typeof setTimeout> | undefined;

export function adoptSession(session: Session, opts: { broadcast: boolean }): void {
  setSession(session);
  scheduleProactiveRefresh(session.expiresAt);
  if (opts.broadcast) postAuthMessage({ type: 'session', session });
}

export function endSession(opts: { broadcast: boolean }): void {
  sessionEpoch += 1;
  clearTimeout(proactiveTimer);
  proactiveTimer = undefined;
  clearSession();
  if (opts.broadcast) postAuthMessage({ type: 'logout' });
}

function scheduleProactiveRefresh(expiresAt: number): void {
  clearTimeout(proactiveTimer);
  const lifetime = expiresAt - Date.now();
  const lead = Math.min(PROACTIVE_LEAD_MS, lifetime / 5);
  // Jitter spreads tabs holding the same token; the lock and the token check do the rest.
  const jitter = Math.random() * Math.min(2_000, lead / 4);
  proactiveTimer = setTimeout(() => void refreshSession(), Math.max(0, lifetime - lead - jitter));
}

// ---- refresh (single flight) -----------------------------------------------------------------

let inflightRefresh: Promise<RefreshOutcome> | null = null;

/** Every caller during a refresh gets the same promise: N concurrent 401s make one refresh. */
export function refreshSession(): Promise<RefreshOutcome> {
  inflightRefresh ??= runRefresh().finally(() => {
    inflightRefresh = null;
  });
  return inflightRefresh;
}

async function runRefresh(): Promise<RefreshOutcome> {
  const tokenBefore = authStore.getState().accessToken;
  const locks = globalThis.navigator?.locks;
  if (locks?.request) {
    return locks.request(REFRESH_LOCK, () => refreshHoldingLock(tokenBefore));
  }
  return refreshHoldingLock(tokenBefore);
}

async function refreshHoldingLock(tokenBefore: string | null): Promise<RefreshOutcome> {
  // While we waited for the lock another tab may have refreshed and broadcast its token.
  const state = authStore.getState();
  if (
    state.accessToken &&
    state.accessToken !== tokenBefore &&
    state.expiresAt !== null &&
    state.expiresAt - Date.now() > EXPIRY_SKEW_MS
  ) {
    return 'refreshed';
  }

  const epoch = sessionEpoch;
  let res: Response;
  try {
    res = await send(REFRESH_PATH, 'POST', {}, null);
  } catch {
    return 'unavailable';
  }
  if (epoch !== sessionEpoch) return 'refused';

  if (res.status === 204 || res.status === 401 || res.status === 403) {
    // No session to restore (204: no refresh cookie, the ordinary signed-out visit) or refused:
    // the cookie was rotated away or its user is disabled. Only a tab that held a session tells
    // the others; a booting tab just had nothing to restore.
    const hadSession = authStore.getState().status === 'authenticated';
    endSession({ broadcast: hadSession });
    return 'refused';
  }
  if (!res.ok) return 'unavailable';

  const parsed = authResponseSchema.safeParse(await readJson(res));
  if (!parsed.success) {
    console.error('[igny8:api] refresh answer does not match the contract', parsed.error);
    return 'unavailable';
  }
  adoptSession(sessionFromAuthResponse(parsed.data), { broadcast: true });
  return 'refreshed';
}

// ---- requests --------------------------------------------------------------------------------

export async function api<T = unknown>(path: string, opts: RequestOptions<T> = {}): Promise<T> {
  const method = opts.method ?? 'GET';
  if (isPublicEndpoint(method, path)) {
    const res = await send(path, method, opts.body, authStore.getState().accessToken, opts.signal, opts.headers);
    return readBody(res, path, opts.schema);
  }

  return readBody(await sendWithToken(path, method, opts.body, opts.signal, opts.headers), path, opts.schema);
}

/** A non-JSON request body (e.g. a CSV file), sent as is with its own content type. */
export class RawBody {
  constructor(
    readonly data: Blob,
    readonly contentType: string,
  ) {}
}

/** Uploads a file under the same token, refresh and retry rules as `api`; the answer is JSON. */
export async function apiUpload<T = unknown>(
  path: string,
  body: RawBody,
  opts: { method?: 'POST' | 'PUT'; schema?: ZodType<T>; headers?: Record<string, string> } = {},
): Promise<T> {
  return readBody(await sendWithToken(path, opts.method ?? 'POST', body, undefined, opts.headers), path, opts.schema);
}

/** A binary answer (image file, export) under the same token, refresh and retry rules as `api`. */
export async function apiBlob(
  path: string,
  opts: { signal?: AbortSignal } = {},
): Promise<{ blob: Blob; filename: string | null }> {
  const res = await sendWithToken(path, 'GET', undefined, opts.signal);
  if (!res.ok) throw await toApiError(res);
  const filename = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? null;
  return { blob: await res.blob(), filename };
}

async function sendWithToken(
  path: string,
  method: HttpMethod,
  body: unknown,
  signal?: AbortSignal,
  extra?: Record<string, string>,
): Promise<Response> {
  const token = await tokenForRequest(method, path);
  const res = await send(path, method, body, token, signal, extra);
  if (res.status !== 401) return res;
  const rejection = await toApiError(res);
  if (rejection.code !== 'auth_expired' && rejection.code !== 'auth_invalid') throw rejection;
  const retryToken = await tokenAfterRejection(token);
  if (!retryToken) throw rejection;
  return send(path, method, body, retryToken, signal, extra);
}

async function tokenForRequest(method: HttpMethod, path: string): Promise<string> {
  const state = authStore.getState();
  if (!state.accessToken) reportMissingToken(method, path);
  if (state.expiresAt !== null && state.expiresAt - Date.now() < EXPIRY_SKEW_MS) {
    await refreshSession();
  }
  const token = authStore.getState().accessToken;
  // The session ended during the refresh above: that is a logout, not a bug.
  if (!token) throw new ApiError(401, 'auth_expired', 'Your session has ended. Sign in again.');
  return token;
}

async function tokenAfterRejection(rejectedToken: string): Promise<string | null> {
  const current = authStore.getState().accessToken;
  if (current && current !== rejectedToken) return current;
  const outcome = await refreshSession();
  if (outcome !== 'refreshed') return null;
  return authStore.getState().accessToken;
}

async function send(
  path: string,
  method: HttpMethod,
  body: unknown,
  token: string | null,
  signal?: AbortSignal,
  extra: Record<string, string> = {},
): Promise<Response> {
  const headers: Record<string, string> = { ...extra, Accept: 'application/json' };
  const raw = body instanceof RawBody;
  if (body !== undefined) headers['Content-Type'] = raw ? body.contentType : 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  try {
    return await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : raw ? body.data : JSON.stringify(body),
      credentials: 'same-origin',
      signal,
    });
  } catch (err) {
    if (signal?.aborted) throw err;
    throw new NetworkError(err);
  }
}

async function readBody<T>(res: Response, path: string, schema?: ZodType<T>): Promise<T> {
  if (!res.ok) throw await toApiError(res);
  if (res.status === 204) return undefined as T;
  const data = await readJson(res);
  if (!schema) return data as T;
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    console.error(`[igny8:api] answer of ${path} does not match the contract`, parsed.error);
    throw new ApiError(res.status, 'contract_mismatch', 'The server sent an unexpected answer.');
  }
  return parsed.data;
}

async function readJson(res: Response): Promise<unknown> {
  const text = await res.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

async function toApiError(res: Response): Promise<ApiError> {
  const retryAfterHeader = Number(res.headers.get('retry-after'));
  const retryAfter = Number.isFinite(retryAfterHeader) && retryAfterHeader > 0 ? retryAfterHeader : undefined;
  const parsed = errorBodySchema.safeParse(await readJson(res));
  if (parsed.success) {
    const { code, message, details } = parsed.data.error;
    return new ApiError(res.status, code, message, details, retryAfter);
  }
  return new ApiError(res.status, `http_${res.status}`, `Request failed (${res.status}).`, undefined, retryAfter);
}
