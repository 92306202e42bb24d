import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export { isPublicEndpoint } from '@igny8/contracts/endpoints';

/** docs/screenshots/ at the repository root: the README shows these. */
export const SCREENSHOT_DIR = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));

export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return join(SCREENSHOT_DIR, name);
}

export function isApiPath(pathname: string): boolean {
  return pathname === '/api/health' || pathname.startsWith('/api/v1/');
}

/** Tenant endpoints: everything under /api/v1/accounts/. */
export function isTenantPath(pathname: string): boolean {
  return pathname.startsWith('/api/v1/accounts/');
}

export const REFRESH_PATH = '/api/v1/auth/refresh';
