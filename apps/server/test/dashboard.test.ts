import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, tenantFixture, testApp, type TestApp } from './helpers/app';
import { pollTask } from './helpers/tasks';

let t: TestApp;
let f: Awaited<ReturnType<typeof tenantFixture>>;
beforeAll(async () => {
  t = await testApp({}, { runtime: { worker: true } });
  f = await tenantFixture(t.app);
});
afterAll(() => t.close());

describe('demo site and funnel', () => {
  it('loads a realistic demo site into an empty account once, and the funnel follows the pipeline', async () => {
    const demo = await t.app.inject({
      method: 'POST',
      url: `/api/v1/accounts/${f.accountId}/demo`,
      headers: bearer(f.editor),
    });
    expect(demo.statusCode).toBe(201);
    const siteId = demo.json().id;
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/v1/accounts/${f.accountId}/demo`,
      headers: bearer(f.editor),
    });
    expect(again.statusCode).toBe(409);
    const S = `/api/v1/accounts/${f.accountId}/sites/${siteId}`;
    const funnel = async () =>
      (await t.app.inject({ method: 'GET', url: `${S}/funnel`, headers: bearer(f.viewer) })).json();
    const before = await funnel();
    expect(before.keywords).toBeGreaterThanOrEqual(150);
    expect(before).toMatchObject({ clusteredKeywords: 0, clusters: 0, ideas: 0, contents: 0 });

    const run = await t.app.inject({
      method: 'POST',
      url: `${S}/clusters/auto`,
      headers: bearer(f.editor),
      payload: {},
    });
    expect((await pollTask(t.app, f.viewer, f.accountId, run.json().taskId, 60_000)).run.status).toBe('succeeded');
    const after = await funnel();
    expect(after.clusters).toBeGreaterThanOrEqual(5);
    expect(after.clusteredKeywords).toBeGreaterThan(before.keywords / 2);
  });
});
