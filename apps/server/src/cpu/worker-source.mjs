// A pool thread's entry when the server runs from its TypeScript sources (`npm run dev`, vitest,
// benchmarks): a worker thread does not inherit vitest's transform, so tsx is registered here
// before the real entry is imported. The production build points the pool at dist/cpu/worker.js.
import { register } from 'tsx/esm/api';

register();
const { default: runCpuTask } = await import('./worker.ts');
export default runCpuTask;
