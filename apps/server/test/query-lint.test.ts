/**
 * The lint rule that keeps queries in repos and TenantContext in the guard's hands
 * (eslint.config.js), run through ESLint with the project's own configuration.
 */
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const eslint = new ESLint({ cwd: root });

/** The errors of the two rules under test (the snippets are not meant to pass the other rules). */
async function errors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages
    .filter((m) => m.severity === 2 && /^no-restricted-(imports|syntax)$/.test(m.ruleId ?? ''))
    .map((m) => `${m.ruleId}: ${m.message}`);
}

const unscopedRoute = `
import { eq } from 'drizzle-orm';
import { ideas } from '../../db/schema/index';
import type { Db } from '../../db/client';
export async function handler(db: Db, id: string) {
  return db.select().from(ideas).where(eq(ideas.id, id));
}
`;

describe('queries outside a repo fail the lint', () => {
  it('refuses drizzle operators, schema tables and db calls in a route file', async () => {
    const found = await errors('apps/server/src/modules/ideas/routes.ts', unscopedRoute);
    expect(found.filter((e) => e.startsWith('no-restricted-imports'))).toHaveLength(2);
    expect(found.filter((e) => e.startsWith('no-restricted-syntax'))).toHaveLength(1);
  });

  it('refuses a query on the task context db and on a transaction in a task handler', async () => {
    const code = `
export async function run(ctx: { db: any }, id: string) {
  await ctx.db.update({}).set({});
  await ctx.db.transaction(async (tx: any) => tx.insert({}).values({}));
  await ctx.db.execute('select 1');
}
`;
    const found = await errors('apps/server/src/modules/writer/content-task.ts', code);
    expect(found).toHaveLength(3);
    expect(found.every((e) => e.startsWith('no-restricted-syntax'))).toBe(true);
  });

  it('allows the same query in a repo, and type-only imports anywhere', async () => {
    expect(await errors('apps/server/src/modules/ideas/repo.ts', unscopedRoute)).toEqual([]);
    expect(await errors('apps/server/src/modules/writer/images-repo.ts', unscopedRoute)).toEqual([]);
    const types = `import type { SQL } from 'drizzle-orm';\nimport type { ideas } from '../../db/schema/index';\nexport type X = [SQL, typeof ideas];\n`;
    expect(await errors('apps/server/src/modules/ideas/routes.ts', types)).toEqual([]);
  });

  it('does not mistake other objects for the database (storage.delete, app.delete, hash.update)', async () => {
    const code = `
export async function f(app: any, storage: any, hash: any) {
  app.delete('/x', {});
  await storage.delete('k');
  hash.update('x');
}
`;
    expect(await errors('apps/server/src/modules/writer/image-routes.ts', code)).toEqual([]);
  });
});

describe('only the guard and the job runner make a TenantContext', () => {
  const forge = `
import { makeTenantContext, type TenantContext } from '../../access/context';
export const t1 = makeTenantContext('a', 'u', 'owner');
export const t2 = { accountId: 'a' } as unknown as TenantContext;
`;

  it('refuses makeTenantContext and casts to TenantContext in a module', async () => {
    const found = await errors('apps/server/src/modules/ideas/routes.ts', forge);
    expect(found.some((e) => e.startsWith('no-restricted-imports') && e.includes('makeTenantContext'))).toBe(true);
    expect(found.some((e) => e.startsWith('no-restricted-syntax') && e.includes('never cast'))).toBe(true);
  });

  it('refuses them in a repo too', async () => {
    expect(await errors('apps/server/src/modules/ideas/repo.ts', forge)).toHaveLength(2);
  });

  it('allows the guard and the job runner to make one', async () => {
    const make = `import { makeTenantContext } from '../access/context';\nexport const t = makeTenantContext('a', 'u', 'owner');\n`;
    expect(await errors('apps/server/src/jobs/runner.ts', make)).toEqual([]);
    expect(await errors('apps/server/src/access/guard.ts', make.replace('../access/context', './context'))).toEqual([]);
  });
});
