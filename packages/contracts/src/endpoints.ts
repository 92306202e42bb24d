/**
 * The API calls anyone may make without an access token. The web client refuses to send any
 * other call without one, the e2e guard flags any other call that left without one, and the
 * server's public routes are checked against this list (apps/server/test/auth.test.ts).
 */
export const PUBLIC_ENDPOINTS: readonly string[] = [
  'GET /api/health',
  'GET /api/v1/setup/status',
  'POST /api/v1/setup',
  'POST /api/v1/auth/login',
  'POST /api/v1/auth/signup',
  'POST /api/v1/auth/refresh',
  'POST /api/v1/auth/logout',
  'POST /api/v1/auth/invite/lookup',
  'POST /api/v1/auth/invite/accept',
  'POST /api/v1/auth/login/two-factor',
  'POST /api/v1/auth/password/forgot',
  'POST /api/v1/auth/password/reset',
  'POST /api/v1/auth/verify-email',
  'POST /api/v1/auth/verify-email/resend',
];

const publicEndpoints = new Set(PUBLIC_ENDPOINTS);

/** Whether `method path` (query string ignored) may be called without a token. */
export function isPublicEndpoint(method: string, path: string): boolean {
  const pathname = path.split('?')[0] ?? path;
  return publicEndpoints.has(`${method.toUpperCase()} ${pathname}`);
}
