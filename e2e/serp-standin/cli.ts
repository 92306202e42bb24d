// Standalone SerpApi stand-in, a process of its own: `npx tsx e2e/serp-standin/cli.ts`.
// Env: SERP_STANDIN_PORT (default 0 = any free port), SERP_STANDIN_KEY (the accepted API key). Prints one JSON line when ready.
import { startSerpStandIn } from './index';

const standIn = await startSerpStandIn(
  process.env.SERP_STANDIN_KEY ?? 'serp-e2e',
  Number(process.env.SERP_STANDIN_PORT ?? 0),
);
console.log(JSON.stringify({ ready: true, origin: standIn.origin }));

const stop = () => void standIn.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
