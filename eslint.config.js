import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Tenant scoping by construction (issue 9, item 7). Queries live in repos (`repo.ts`, `*-repo.ts`),
// whose functions take the TenantContext; anywhere else in the server, a query does not build:
// drizzle-orm, the schema's tables and the scope helpers cannot be imported (types may), and
// calls such as `db.select(…)` / `tx.update(…)` / `ctx.db.execute(…)` are refused.
const server = 'apps/server/src';
const repoFiles = [`${server}/**/repo.ts`, `${server}/**/*-repo.ts`];
/** Infrastructure that queries by design, each for a reason that holds for the whole file. */
const queryInfrastructure = [
  `${server}/db/**`, // the client, the schema and the query helpers themselves
  `${server}/access/lookup.ts`, // the guard's lookups run before a tenant exists: they are how one is made
  `${server}/auth/**`, // identity (users, sessions, tokens, login limits) is not tenant data
];
/**
 * TEMPORARY: files owned by other work streams that still query outside a repo. Each must move
 * its queries into its module's repo and leave this list; do not add to it.
 */
const pendingRepoMoves = [];
/**
 * Where a TenantContext may be made: the access guard, the job runner (from the authorized run), its own module,
 * and the publishing dispatcher (from the member who scheduled the publication, checked again when it is due).
 */
const tenantFactories = [
  `${server}/access/guard.ts`,
  `${server}/jobs/runner.ts`,
  `${server}/access/context.ts`,
  `${server}/modules/publishing/dispatcher.ts`,
  `${server}/modules/automation/driver.ts`,
];

const queryMessage = 'Queries live in a repo (repo.ts) whose functions take the TenantContext; call one from here.';
const tenantImports = [
  {
    group: ['**/access/context', './context'],
    importNames: ['makeTenantContext'],
    message: 'Only the access guard and the job runner make a TenantContext: use tenantOf(req) or ctx.tenant.',
  },
];
const queryImports = [
  { group: ['drizzle-orm', 'drizzle-orm/*'], allowTypeImports: true, message: queryMessage },
  { group: ['**/db/schema', '**/db/schema/*'], allowTypeImports: true, message: queryMessage },
  { group: ['**/db/query'], importNames: ['inSite', 'contains'], message: queryMessage },
];
const dbObject = '/^(db|tx|trx)$/';
const queryMethod = '/^(select|selectDistinct|selectDistinctOn|insert|update|delete|execute|with|\\$count|\\$with)$/';
const tenantSyntax = [
  {
    selector:
      "TSAsExpression[typeAnnotation.typeName.name='TenantContext'], TSTypeAssertion[typeAnnotation.typeName.name='TenantContext']",
    message: 'A TenantContext is made by the access guard only, never cast.',
  },
];
const querySyntax = [
  {
    selector: `CallExpression[callee.property.name=${queryMethod}][callee.object.name=${dbObject}]`,
    message: queryMessage,
  },
  {
    selector: `CallExpression[callee.property.name=${queryMethod}][callee.object.property.name=${dbObject}]`,
    message: queryMessage,
  },
  {
    selector: `MemberExpression[property.name='query'][object.name=${dbObject}], MemberExpression[property.name='query'][object.property.name=${dbObject}]`,
    message: queryMessage,
  },
  {
    selector: "CallExpression[callee.name='executeSql'], CallExpression[callee.property.name='executeSql']",
    message: queryMessage,
  },
];

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      'data/**',
      '.data-*/**',
      'test-results/**',
      'playwright-report/**',
      'apps/server/drizzle/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['apps/server/src/**/*.ts'],
    ignores: ['apps/server/src/config.ts'],
    rules: {
      // config.ts parses the environment once; nothing else reads it.
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration from config.ts' },
      ],
    },
  },
  {
    files: [`${server}/**/*.ts`],
    ignores: tenantFactories,
    rules: {
      'no-restricted-imports': ['error', { patterns: tenantImports }],
      'no-restricted-syntax': ['error', ...tenantSyntax],
    },
  },
  {
    // Later blocks replace these rules' options for their files, so each repeats what still applies.
    files: [`${server}/**/*.ts`],
    ignores: [...repoFiles, ...queryInfrastructure, ...pendingRepoMoves, ...tenantFactories],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...tenantImports, ...queryImports] }],
      'no-restricted-syntax': ['error', ...tenantSyntax, ...querySyntax],
    },
  },
  {
    files: tenantFactories,
    rules: {
      'no-restricted-imports': ['error', { patterns: queryImports }],
      'no-restricted-syntax': ['error', ...querySyntax],
    },
  },
  {
    files: ['apps/web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  // Formatting is Prettier's (`npm run format`; `npm run lint` checks it): no lint rule argues with it.
  prettier,
);
