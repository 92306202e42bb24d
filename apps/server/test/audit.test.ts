/** The audit log: written by services with who/what/when/where, read by admins and operators, filtered and exported. */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, login, tenantFixture, testApp, type TestApp } from './helpers/app';

let t: TestApp;
let f: Awaited<ReturnType<typeof tenantFixture>>;
beforeAll(async () => {
  t = await testApp({ TRUST_PROXY: '127.0.0.1' });
  f = await tenantFixture(t.app);
});
afterAll(() => t?.close());

const A = () => `/api/v1/accounts/${f.accountId}`;
type Ev = {
  action: string;
  actor: { email: string | null; via: string };
  ip: string | null;
  target: { label: string | null } | null;
  details: Record<string, unknown>;
};
const events = async (url: string, who = f.owner) => {
  const res = await t.app.inject({ url, headers: bearer(who) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as Ev[];
};

describe('audit log', () => {
  it('records member and role changes with who, from where and the target', async () => {
    const res = await t.app.inject({
      method: 'PATCH',
      url: `${A()}/members/${f.viewer.userId}`,
      headers: { ...bearer(f.owner), 'x-forwarded-for': '203.0.113.7', 'user-agent': 'audit-test/1' },
      payload: { role: 'editor' },
    });
    expect(res.statusCode).toBe(200);
    const [latest] = await events(`${A()}/audit?action=member.role_changed`);
    expect(latest).toMatchObject({
      action: 'member.role_changed',
      actor: { email: 'owner@a.test', via: 'session' },
      ip: '203.0.113.7',
      target: { label: 'viewer@a.test' },
      details: { from: 'viewer', to: 'editor' },
    });
    const invited = await events(`${A()}/audit?action=member.`);
    expect(invited.map((e) => e.action)).toEqual(
      expect.arrayContaining(['member.invited', 'member.invitation_accepted', 'member.role_changed']),
    );
  });

  it('records key changes without the key', async () => {
    const key = 'sk-secret-value-1234567890';
    const res = await t.app.inject({
      method: 'PUT',
      url: `${A()}/settings/integrations/text`,
      headers: bearer(f.admin),
      payload: { provider: 'openai', apiKey: key, model: 'gpt-4o-mini' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const list = await t.app.inject({ url: `${A()}/audit?action=integration.saved`, headers: bearer(f.owner) });
    expect(list.json().items[0].details).toMatchObject({
      apiKey: 'replaced',
      apiKeyMask: 'sk-…7890',
      provider: 'openai',
    });
    expect(list.body).not.toContain(key);
    expect((await t.app.inject({ url: `${A()}/audit/export`, headers: bearer(f.owner) })).body).not.toContain(key);
  });

  it('is for admins: editors and viewers are refused; another account sees none of it', async () => {
    expect((await t.app.inject({ url: `${A()}/audit`, headers: bearer(f.editor) })).json().error.code).toBe(
      'role_insufficient',
    );
    const theirs = await events(`/api/v1/accounts/${f.otherAccountId}/audit`, f.outsider);
    expect(theirs.every((e) => !JSON.stringify(e).includes('a.test'))).toBe(true);
  });

  it('filters by action, actor and time, and exports CSV with formula-looking cells defused', async () => {
    await t.app.inject({ method: 'PATCH', url: A(), headers: bearer(f.owner), payload: { name: '=HYPERLINK("x")' } });
    const future = new Date(Date.now() + 3_600_000).toISOString();
    expect(await events(`${A()}/audit?from=${encodeURIComponent(future)}`)).toEqual([]);
    expect((await events(`${A()}/audit?actor=admin@a.test`)).every((e) => e.actor.email === 'admin@a.test')).toBe(true);
    const csv = await t.app.inject({ url: `${A()}/audit/export?action=account.renamed`, headers: bearer(f.owner) });
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.trim().split('\n');
    expect(lines[0]).toBe(
      'time,account_id,action,actor_email,actor_user_id,via,api_token_id,ip,user_agent,target_type,target_id,target_label,details',
    );
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`"'=HYPERLINK(""x"")"`);
  });

  it('records sign-ins and operators granting the developer flag in the platform log', async () => {
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'editor@a.test', password: 'wrong-password' },
    });
    expect(bad.statusCode).toBe(401);
    await login(t.app, 'editor@a.test');
    const grant = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/platform/users/${f.editor.userId}`,
      headers: bearer(f.operator),
      payload: { isDeveloper: true },
    });
    expect(grant.json()).toMatchObject({ isDeveloper: true });
    expect((await t.app.inject({ url: '/api/v1/auth/me', headers: bearer(f.editor) })).json().platformOperator).toBe(
      true,
    );
    const self = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/platform/users/${f.editor.userId}`,
      headers: bearer(f.editor),
      payload: { isDeveloper: false },
    });
    expect(self.json().error.code).toBe('conflict');
    await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/platform/users/${f.editor.userId}`,
      headers: bearer(f.operator),
      payload: { isDeveloper: false },
    });

    const platform = await events('/api/v1/platform/audit?scope=platform', f.operator);
    const actions = platform.map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'platform.developer_granted',
        'platform.developer_removed',
        'auth.sign_in_failed',
        'auth.signed_in',
      ]),
    );
    expect(platform.find((e) => e.action === 'platform.developer_granted')).toMatchObject({
      actor: { email: 'operator@igny8.test' },
      target: { label: 'editor@a.test' },
    });
    // Operators also read one account's log.
    expect((await events(`/api/v1/platform/audit?accountId=${f.accountId}`, f.operator)).length).toBeGreaterThan(3);
    const users = await t.app.inject({ url: '/api/v1/platform/users?q=a.test', headers: bearer(f.operator) });
    expect(users.json().items.map((u: { email: string }) => u.email)).toContain('editor@a.test');
  });

  it('records deletions: keywords (bulk too), clusters and ideas', async () => {
    const site = (
      await t.app.inject({
        method: 'POST',
        url: `${A()}/sites`,
        headers: bearer(f.editor),
        payload: { name: 'Audit site', url: 'https://audit.example' },
      })
    ).json();
    const S = `${A()}/sites/${site.id}`;
    const added = await t.app.inject({
      method: 'POST',
      url: `${S}/keywords`,
      headers: bearer(f.editor),
      payload: { keywords: [{ phrase: 'one' }, { phrase: 'two' }] },
    });
    expect(added.statusCode).toBe(201);
    const ids = (await t.app.inject({ url: `${S}/keywords`, headers: bearer(f.editor) }))
      .json()
      .items.map((k: { id: string }) => k.id);
    const bulk = await t.app.inject({
      method: 'POST',
      url: `${S}/keywords/bulk`,
      headers: bearer(f.editor),
      payload: { action: 'delete', keywordIds: ids },
    });
    expect(bulk.json()).toEqual({ affected: 2 });
    const [deleted] = await events(`${A()}/audit?action=keyword.deleted`);
    expect(deleted).toMatchObject({ actor: { email: 'editor@a.test' }, details: { count: 2 } });
  });

  it('is append-only in the database itself', async () => {
    await expect(t.database.db.execute(sql`update audit_events set action = 'x'`)).rejects.toThrow();
    await expect(t.database.db.execute(sql`delete from audit_events`)).rejects.toThrow();
  });
});
