import { defineConfig } from 'tsup';

export default defineConfig({
  // The CPU pool's thread entry is built beside the server as dist/cpu/worker.js (src/cpu/pool.ts finds it there).
  entry: { main: 'src/main.ts', 'cpu/worker': 'src/cpu/worker.ts' },
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  outDir: 'dist',
  sourcemap: true,
  clean: true,
  // The shared contracts ship as TypeScript source; bundle them, keep real packages external.
  noExternal: ['@igny8/contracts'],
});
