import { expect, type BrowserContext, type Page } from '@playwright/test';
import type { Person } from './users';

/** An account page: `/a/<id>` and below. */
export const ACCOUNT_URL = /\/a\/[^/?#]+/;
export const LOGIN_URL = /\/login(\?|$)/;

/** Signs in through the login form and waits until the app shell shows the user. */
export async function loginViaUi(page: Page, person: Pick<Person, 'email' | 'password'>): Promise<void> {
  if (!LOGIN_URL.test(page.url())) await page.goto('/login');
  await page.getByTestId('login-email').fill(person.email);
  await page.getByTestId('login-password').fill(person.password);
  await page.getByTestId('login-submit').click();
  await expectSignedIn(page);
}

/**
 * Signs a browser context in without the form: the login answer sets the httpOnly refresh
 * cookie in the context's cookie jar, and every page then restores the session at boot.
 */
export async function loginContext(context: BrowserContext, person: Pick<Person, 'email' | 'password'>): Promise<void> {
  const res = await context.request.post('/api/v1/auth/login', {
    data: { email: person.email, password: person.password },
  });
  expect(res.status(), `login of ${person.email}`).toBe(200);
}

export async function expectSignedIn(page: Page): Promise<void> {
  await expect(page.getByTestId('user-menu')).toBeVisible();
  expect(page.url()).not.toMatch(LOGIN_URL);
}

export async function logoutViaUi(page: Page): Promise<void> {
  await page.getByTestId('user-menu').click();
  await page.getByTestId('logout').click();
  await expect(page).toHaveURL(LOGIN_URL);
}

export async function blockedRequestCount(page: Page): Promise<number | null> {
  return page.evaluate(() => window.__igny8?.blockedRequestCount() ?? null);
}

export async function expectNoErrorBoundary(page: Page): Promise<void> {
  await expect(page.getByTestId('error-boundary')).toHaveCount(0);
}

/** The `<id>` of the `/a/<id>` URL the page is on. */
export function accountIdOf(page: Page): string {
  const id = /\/a\/([^/?#]+)/.exec(new URL(page.url()).pathname)?.[1];
  if (!id) throw new Error(`not an account page: ${page.url()}`);
  return id;
}
