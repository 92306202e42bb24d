import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/main.ts'],
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  outDir: 'dist',
  sourcemap: true,
  clean: true,
  // The shared contracts ship as TypeScript source; bundle them, keep real packages external.
  noExternal: ['@igny8/contracts'],
});
