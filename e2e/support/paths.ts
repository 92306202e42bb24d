import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** docs/screenshots/ at the repository root: the README shows these. */
export const SCREENSHOT_DIR = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));

export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return join(SCREENSHOT_DIR, name);
}

/** Mirrors PUBLIC_ENDPOINTS of apps/web/src/api/client.ts: the only API calls allowed without a token. */
const PUBLIC_ENDPOINTS = new Set([
  'GET /api/health',
  'GET /api/v1/setup/status',
  'POST /api/v1/setup',
  'POST /api/v1/auth/login',
  'POST /api/v1/auth/signup',
  'POST /api/v1/auth/refresh',
  'POST /api/v1/auth/logout',
  'POST /api/v1/auth/invite/accept',
  'POST /api/v1/auth/login/two-factor',
  'POST /api/v1/auth/password/forgot',
  'POST /api/v1/auth/password/reset',
  'POST /api/v1/auth/verify-email',
  'POST /api/v1/auth/verify-email/resend',
]);

export function isApiPath(pathname: string): boolean {
  return pathname === '/api/health' || pathname.startsWith('/api/v1/');
}

export function isPublicEndpoint(method: string, pathname: string): boolean {
  return PUBLIC_ENDPOINTS.has(`${method.toUpperCase()} ${pathname}`);
}

/** Tenant endpoints: everything under /api/v1/accounts/. */
export function isTenantPath(pathname: string): boolean {
  return pathname.startsWith('/api/v1/accounts/');
}

export const REFRESH_PATH = '/api/v1/auth/refresh';
