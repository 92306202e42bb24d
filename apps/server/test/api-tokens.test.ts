/** API tokens: shown once, stored hashed, role capped by the creator, expiry, revocation, one account only. */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../src/auth/tokens';
import { apiTokens } from '../src/db/schema/index';
import { bearer, tenantFixture, testApp, type TestApp } from './helpers/app';

let t: TestApp;
let f: Awaited<ReturnType<typeof tenantFixture>>;
beforeAll(async () => {
  t = await testApp();
  f = await tenantFixture(t.app);
});
afterAll(() => t?.close());

const A = () => `/api/v1/accounts/${f.accountId}`;
const withToken = (secret: string) => ({ authorization: `Bearer ${secret}` });
const create = (who: { token: string }, payload: object) =>
  t.app.inject({ method: 'POST', url: `${A()}/api-tokens`, headers: bearer(who), payload });

describe('API tokens', () => {
  it('are shown once with a recognisable prefix and stored only as a hash; they act as the creator within the role', async () => {
    const res = await create(f.editor, { name: 'CI export', role: 'editor' });
    expect(res.statusCode).toBe(201);
    const { token, secret } = res.json();
    expect(secret).toMatch(/^igny8_pat_[A-Za-z0-9_-]{43}$/);
    expect(token).toMatchObject({
      name: 'CI export',
      role: 'editor',
      prefix: secret.slice(0, 16),
      expiresAt: null,
      lastUsedAt: null,
      createdBy: { userId: f.editor.userId },
    });
    const [row] = await t.database.db.select().from(apiTokens).where(eq(apiTokens.id, token.id));
    expect(row!.tokenHash).toBe(hashToken(secret));
    expect(JSON.stringify(row)).not.toContain(secret);
    const listed = await t.app.inject({ url: `${A()}/api-tokens`, headers: bearer(f.editor) });
    expect(listed.body).not.toContain(secret);

    const site = await t.app.inject({
      method: 'POST',
      url: `${A()}/sites`,
      headers: withToken(secret),
      payload: { name: 'From CI', url: 'https://ci.example' },
    });
    expect(site.statusCode).toBe(201);
    const used = (await t.app.inject({ url: `${A()}/api-tokens`, headers: bearer(f.editor) }))
      .json()
      .items.find((x: { id: string }) => x.id === token.id);
    expect(used.lastUsedAt).not.toBeNull();
    // Editor role: member management is admin-only.
    expect(
      (
        await t.app.inject({
          url: `${A()}/members`,
          method: 'POST',
          headers: withToken(secret),
          payload: { email: 'x@a.test', role: 'viewer' },
        })
      ).json().error.code,
    ).toBe('role_insufficient');
  });

  it('cannot be made with a role above the creator or an expiry in the past', async () => {
    expect((await create(f.editor, { name: 'too much', role: 'admin' })).json().error.code).toBe('role_insufficient');
    expect(
      (await create(f.editor, { name: 'past', role: 'viewer', expiresAt: '2001-01-01T00:00:00Z' })).statusCode,
    ).toBe(400);
  });

  it('stop at their expiry and at once when revoked', async () => {
    const soon = (
      await create(f.owner, { name: 'short', role: 'viewer', expiresAt: new Date(Date.now() + 60_000).toISOString() })
    ).json();
    const read = (secret: string) => t.app.inject({ url: `${A()}/sites`, headers: withToken(secret) });
    expect((await read(soon.secret)).statusCode).toBe(200);
    await t.database.db
      .update(apiTokens)
      .set({ expiresAt: new Date(Date.now() - 1) })
      .where(eq(apiTokens.id, soon.token.id));
    expect(`${(await read(soon.secret)).statusCode} ${(await read(soon.secret)).json().error.code}`).toBe(
      '401 auth_expired',
    );

    const live = (await create(f.viewer, { name: 'to revoke', role: 'viewer' })).json();
    expect((await read(live.secret)).statusCode).toBe(200);
    // Another viewer's token is not theirs to see or revoke; an admin may revoke it.
    const viewerList = (await t.app.inject({ url: `${A()}/api-tokens`, headers: bearer(f.viewer) })).json().items as {
      createdBy: { userId: string };
    }[];
    expect(viewerList.every((x) => x.createdBy.userId === f.viewer.userId)).toBe(true);
    expect(
      (await t.app.inject({ method: 'DELETE', url: `${A()}/api-tokens/${soon.token.id}`, headers: bearer(f.viewer) }))
        .statusCode,
    ).toBe(404);
    expect(
      (await t.app.inject({ method: 'DELETE', url: `${A()}/api-tokens/${live.token.id}`, headers: bearer(f.admin) }))
        .statusCode,
    ).toBe(204);
    expect(`${(await read(live.secret)).statusCode} ${(await read(live.secret)).json().error.code}`).toBe(
      '401 auth_invalid',
    );
  });

  it('reach only their own account, never the profile or the platform, and follow the creator: a lowered role caps them, removal ends them', async () => {
    const admin = (await create(f.admin, { name: 'admin script', role: 'admin' })).json().secret as string;
    expect(
      (await t.app.inject({ url: `/api/v1/accounts/${f.otherAccountId}/sites`, headers: withToken(admin) })).statusCode,
    ).toBe(404);
    expect((await t.app.inject({ url: '/api/v1/auth/me', headers: withToken(admin) })).json().error.code).toBe(
      'api_token_not_allowed',
    );
    expect((await t.app.inject({ url: `${A()}/api-tokens`, headers: withToken(admin) })).json().error.code).toBe(
      'api_token_not_allowed',
    );
    expect((await t.app.inject({ url: '/api/v1/platform/users', headers: withToken(admin) })).json().error.code).toBe(
      'api_token_not_allowed',
    );
    expect((await t.app.inject({ url: `${A()}/audit`, headers: withToken(admin) })).statusCode).toBe(200);

    await t.app.inject({
      method: 'PATCH',
      url: `${A()}/members/${f.admin.userId}`,
      headers: bearer(f.owner),
      payload: { role: 'viewer' },
    });
    expect((await t.app.inject({ url: `${A()}/audit`, headers: withToken(admin) })).json().error.code).toBe(
      'role_insufficient',
    );
    expect((await t.app.inject({ url: `${A()}/sites`, headers: withToken(admin) })).statusCode).toBe(200);
    await t.app.inject({ method: 'DELETE', url: `${A()}/members/${f.admin.userId}`, headers: bearer(f.owner) });
    expect((await t.app.inject({ url: `${A()}/sites`, headers: withToken(admin) })).statusCode).toBe(404);
  });

  it('is refused with a clear code when malformed or unknown', async () => {
    const res = await t.app.inject({ url: `${A()}/sites`, headers: withToken('igny8_pat_doesnotexist') });
    expect(`${res.statusCode} ${res.json().error.code}`).toBe('401 auth_invalid');
  });
});
