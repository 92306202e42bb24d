import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 3100);
export const baseURL = `http://127.0.0.1:${port}`;
// One database per port: two runs on different E2E_PORTs must not wipe each other's data.
const dataDir = port === 3100 ? '../.data-e2e' : `../.data-e2e-${port}`;
const webSnapshot = fileURLToPath(new URL(`${dataDir}/web`, import.meta.url));
const mockPort = Number(process.env.MOCK_OPENAI_PORT ?? 4010);
const mockOrigin = `http://127.0.0.1:${mockPort}`;
// A second app with email: the same build on the next port, sending through the SMTP receiver (e2e/smtp-receiver),
// whose SMTP and control ports follow the mock's. Only the email specs use it; the others keep the no-email flow.
export const mailPort = port + 1;
export const mailOrigin = `http://127.0.0.1:${mailPort}`;
const mailDataDir = `${dataDir}-mail`;
const mailWebSnapshot = fileURLToPath(new URL(`${mailDataDir}/web`, import.meta.url));
const smtpPort = mockPort + 1;
export const smtpControlOrigin = `http://127.0.0.1:${mockPort + 2}`;
// The SerpApi stand-in (e2e/serp-standin) the app's SERP provider points at.
const serpPort = mockPort + 3;

export default defineConfig({
  testDir: './specs',
  outputDir: '../test-results/playwright',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: '../test-results/playwright.json' }]],
  use: {
    baseURL,
    // Fixed size so the README screenshots are comparable run to run.
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  // One server and one database for the whole suite: the first admin is created through the
  // setup page first (auth.spec.ts, @first-run); every other spec runs after it.
  projects: [
    { name: 'first-run', testMatch: /auth\.spec\.ts$/, grep: /@first-run/ },
    { name: 'e2e', testMatch: /\.spec\.ts$/, grepInvert: /@first-run/, dependencies: ['first-run'] },
  ],
  webServer: [
    {
      // A fresh embedded database per run; the built app exactly as `npm start` serves it.
      // The web build is copied first: a rebuild by someone else during the run must not swap
      // the page under the tests (the server maps static assets once, at start).
      command: `rm -rf ${dataDir} && mkdir -p ${dataDir} && cp -r ../apps/web/dist ${webSnapshot} && node ../apps/server/dist/main.js serve`,
      env: {
        DATA_DIR: dataDir,
        WEB_DIST: webSnapshot,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        // Short-lived access tokens so the browser tests exercise refresh for real.
        ACCESS_TOKEN_TTL_SECONDS: '10',
        LOGIN_LIMIT_PER_IP: '1000',
        LOGIN_LIMIT_PER_EMAIL: '1000',
        // The publishing spec's WordPress runs on loopback: allowed for accounts by name, as an operator would.
        OUTBOUND_ALLOW_HOSTS: '127.0.0.1',
        SERP_PROVIDER: 'serpapi',
        SERPAPI_API_KEY: 'serp-e2e',
        SERPAPI_BASE_URL: `http://127.0.0.1:${serpPort}`,
      },
      url: `${baseURL}/api/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'pipe',
      stderr: 'pipe',
    },
    {
      // A real SMTP server process on loopback that keeps what it receives (read through its control port).
      command: 'npx tsx smtp-receiver/cli.ts',
      env: {
        SMTP_RECEIVER_PORT: String(smtpPort),
        SMTP_RECEIVER_HTTP_PORT: String(mockPort + 2),
        SMTP_RECEIVER_HOST: '127.0.0.1',
      },
      url: `${smtpControlOrigin}/__smtp/health`,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: 'pipe',
      stderr: 'pipe',
    },
    {
      command: `rm -rf ${mailDataDir} && mkdir -p ${mailDataDir} && cp -r ../apps/web/dist ${mailWebSnapshot} && node ../apps/server/dist/main.js serve`,
      env: {
        DATA_DIR: mailDataDir,
        WEB_DIST: mailWebSnapshot,
        PORT: String(mailPort),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        PUBLIC_URL: mailOrigin,
        SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
        MAIL_FROM: 'igny8 <no-reply@igny8.test>',
        LOGIN_LIMIT_PER_IP: '1000',
        LOGIN_LIMIT_PER_EMAIL: '1000',
      },
      url: `${mailOrigin}/api/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'pipe',
      stderr: 'pipe',
    },
    {
      // SerpApi's stand-in: a search answers a page per word of the query (401 without the key).
      command: 'npx tsx serp-standin/cli.ts',
      env: { SERP_STANDIN_PORT: String(serpPort), SERP_STANDIN_KEY: 'serp-e2e' },
      url: `http://127.0.0.1:${serpPort}/search.json`,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: 'pipe',
      stderr: 'pipe',
    },
    {
      // The OpenAI-compatible mock (e2e/mock-openai) the platform's AI settings point at in the
      // pipeline and incident specs; a realistic delay on every call.
      command: 'npx tsx mock-openai/cli.ts',
      env: { MOCK_OPENAI_PORT: String(mockPort), MOCK_OPENAI_HOST: '127.0.0.1', MOCK_OPENAI_LATENCY_MS: '400' },
      url: `${mockOrigin}/__mock/health`,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: 'pipe',
      stderr: 'pipe',
    },
  ],
});
