import type { Capability } from '@igny8/contracts';
import type { AuthResponse, Role } from '@igny8/contracts';
import type { LightMyRequestResponse } from 'fastify';
import { buildApp, type App, type AppDeps } from '../../src/app';
import { testConfig, type Config } from '../../src/config';
import type { Database } from '../../src/db/client';
import { MemoryFileStorage } from '../../src/storage/files';
import { freshDatabase } from './db';

/** Passwords the suites sign in with: strong enough for the strength rule (zxcvbn score ≥ 3). */
export const TEST_PASSWORD = 'quiet-harbor-lantern-7';
export const OPERATOR_PASSWORD = 'operator-orbit-violet-9';

export interface TestApp {
  app: App;
  database: Database & { url?: string };
  config: Config;
  close(): Promise<void>;
}

export async function testApp(
  overrides: Partial<Config> = {},
  extra: Partial<Omit<AppDeps, 'config' | 'database'>> = {},
): Promise<TestApp> {
  const database = await freshDatabase();
  const config = testConfig({ LOGIN_LIMIT_PER_IP: 10_000, LOGIN_LIMIT_PER_EMAIL: 10_000, ...overrides });
  // Generated files live in memory with the in-memory database.
  const app = await buildApp({
    config,
    database,
    logger: false,
    ...extra,
    runtime: { storage: new MemoryFileStorage(), ...extra.runtime },
  });
  await app.ready();
  return {
    app,
    database,
    config,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

export interface Session {
  token: string;
  cookie: string;
  auth: AuthResponse;
  userId: string;
}

export function refreshCookieOf(res: LightMyRequestResponse): string {
  const c = res.cookies.find((c) => c.name === 'igny8_rt');
  if (!c) throw new Error(`no refresh cookie in ${res.statusCode} ${res.body}`);
  return `igny8_rt=${c.value}`;
}

function session(res: LightMyRequestResponse): Session {
  const auth = res.json() as AuthResponse;
  return { token: auth.accessToken, cookie: refreshCookieOf(res), auth, userId: auth.user.id };
}

export const bearer = (s: { token: string }) => ({ authorization: `Bearer ${s.token}` });

export async function setupPlatform(app: App, email = 'operator@igny8.test'): Promise<Session> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/setup',
    payload: { email, password: OPERATOR_PASSWORD, name: 'Operator', accountName: 'igny8 Platform' },
  });
  if (res.statusCode !== 201) throw new Error(`setup failed: ${res.statusCode} ${res.body}`);
  return session(res);
}

export async function signup(app: App, email: string, accountName = `Account of ${email}`): Promise<Session> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/signup',
    payload: { email, password: TEST_PASSWORD, name: email.split('@')[0], accountName },
  });
  if (res.statusCode !== 201) throw new Error(`signup failed: ${res.statusCode} ${res.body}`);
  return session(res);
}

export async function login(app: App, email: string, password = TEST_PASSWORD): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  return session(res);
}

/** Invites a member through the API and accepts the invitation as them: new users choose a password, existing users prove theirs. */
export async function addMember(
  app: App,
  owner: Session,
  accountId: string,
  email: string,
  role: Role,
): Promise<Session> {
  const res = await app.inject({
    method: 'POST',
    url: `/api/v1/accounts/${accountId}/members`,
    headers: bearer(owner),
    payload: { email, role },
  });
  if (res.statusCode !== 201) throw new Error(`add member failed: ${res.statusCode} ${res.body}`);
  return acceptInvite(app, inviteTokenOf(res), email);
}

export function inviteTokenOf(res: LightMyRequestResponse): string {
  const token = (res.json() as { inviteUrl: string }).inviteUrl.split('/invite/')[1];
  if (!token) throw new Error(`no invite link in ${res.body}`);
  return token;
}

/** Accepts an invitation: with a name for a new user (ignored by the server for an existing one). */
export async function acceptInvite(app: App, token: string, email: string, password = TEST_PASSWORD): Promise<Session> {
  const accepted = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/invite/accept',
    payload: { token, name: email.split('@')[0], password },
  });
  if (accepted.statusCode !== 200) throw new Error(`accept failed: ${accepted.statusCode} ${accepted.body}`);
  return session(accepted);
}

export function accountIdOf(s: Session): string {
  const m = s.auth.memberships[0];
  if (!m) throw new Error('no membership');
  return m.accountId;
}

/** An account with one member per role, plus the platform and an outsider account. */
export async function tenantFixture(app: App) {
  const operator = await setupPlatform(app);
  const owner = await signup(app, 'owner@a.test', 'Account A');
  const accountId = accountIdOf(owner);
  const admin = await addMember(app, owner, accountId, 'admin@a.test', 'admin');
  const editor = await addMember(app, owner, accountId, 'editor@a.test', 'editor');
  const viewer = await addMember(app, owner, accountId, 'viewer@a.test', 'viewer');
  const outsider = await signup(app, 'owner@b.test', 'Account B');
  return { operator, owner, admin, editor, viewer, outsider, accountId, otherAccountId: accountIdOf(outsider) };
}

/**
 * The platform's (system account's) provider for a capability, as the operator sets it:
 * `settings` (e.g. pointing at the mock OpenAI server), or null for the offline default.
 */
export async function setPlatformProvider(
  app: App,
  operator: Session,
  capability: Capability,
  settings: object | null,
): Promise<void> {
  const url = `/api/v1/platform/integrations/${capability}`;
  const res = await app.inject(
    settings
      ? { method: 'PUT', url, headers: bearer(operator), payload: settings }
      : { method: 'DELETE', url, headers: bearer(operator) },
  );
  if (res.statusCode !== 200)
    throw new Error(`setting the platform ${capability} provider failed: ${res.statusCode} ${res.body}`);
}
