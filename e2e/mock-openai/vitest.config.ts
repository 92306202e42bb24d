// Standalone config so the mock's own tests run without touching the root vitest.config.ts:
//   npx vitest run --config e2e/mock-openai/vitest.config.ts
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  cacheDir: fileURLToPath(new URL('../../node_modules/.vite', import.meta.url)),
  test: {
    name: 'mock-openai',
    root: fileURLToPath(new URL('.', import.meta.url)),
    include: ['*.test.ts'],
    environment: 'node',
    testTimeout: 15_000,
  },
});
