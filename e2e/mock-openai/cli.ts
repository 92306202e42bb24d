// Standalone mock for Playwright's webServer: `npx tsx e2e/mock-openai/cli.ts`.
// Env: MOCK_OPENAI_PORT (default 4010), MOCK_OPENAI_HOST (default 127.0.0.1), MOCK_OPENAI_LATENCY_MS (default 0).
import { startMockOpenAI } from './server';

const port = Number(process.env.MOCK_OPENAI_PORT ?? 4010);
const host = process.env.MOCK_OPENAI_HOST ?? '127.0.0.1';
const latencyMs = Number(process.env.MOCK_OPENAI_LATENCY_MS ?? 0);

const mock = await startMockOpenAI({ port, host, latencyMs, control: true });
console.log(`mock-openai listening on ${mock.url} (control: ${mock.origin}/__mock/)`);

const stop = () => {
  void mock.close().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
