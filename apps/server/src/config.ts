import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** Every environment variable the product reads. Nothing else reads process.env. */
export const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().url().optional(),
  APP_SECRET: z.string().min(32).optional(),
  PUBLIC_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(10).default(900),
  REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).default(30),
  REFRESH_REUSE_GRACE_SECONDS: z.coerce.number().int().min(0).default(10),
  SIGNUP_ENABLED: bool.optional(),
  ALLOW_ACCOUNT_KEYS: bool.optional(),
  LOGIN_LIMIT_PER_IP: z.coerce.number().int().min(1).default(30),
  LOGIN_LIMIT_PER_EMAIL: z.coerce.number().int().min(1).default(10),
  LOGIN_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).default(900),
  WEB_DIST: z.string().optional(),
  /** Seconds without a heartbeat after which a running task's worker counts as lost and the run is resumed elsewhere. */
  TASK_STALE_SECONDS: z.coerce.number().min(1).default(20),
  /** How often a worker records that a running task is alive. */
  TASK_HEARTBEAT_SECONDS: z.coerce.number().min(1).default(5),
  /** Task runs one worker process runs at the same time, whatever their account or kind. */
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  /** Task runs of one account running at the same time across every worker; its other runs wait their turn. */
  TASK_MAX_RUNNING_PER_ACCOUNT: z.coerce.number().int().min(1).max(64).default(2),
  /** A task stops, failed, after this many items in a row fail with the same error (a wrong setting, not bad luck). */
  TASK_FAIL_FAST_AFTER: z.coerce.number().int().min(1).max(1000).default(3),
  /**
   * Which reverse proxies to believe for the client address (X-Forwarded-For): off by default.
   * `true` trusts every hop, a number trusts that many hops, otherwise a comma-separated list of proxy addresses/CIDRs.
   */
  TRUST_PROXY: z.string().default('false'),
  /** Hosts (comma-separated names or IPs) that accounts may reach even when they resolve to private addresses. */
  OUTBOUND_ALLOW_HOSTS: z.string().default(''),
  /** Time limit and size cap for each outbound request made for an account (provider calls, image downloads). */
  OUTBOUND_TIMEOUT_SECONDS: z.coerce.number().min(1).default(120),
  IMAGE_DOWNLOAD_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(20 * 1024 * 1024),
  /** Largest CSV upload, in bytes, and most rows in one import. */
  IMPORT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(50 * 1024 * 1024),
  IMPORT_MAX_ROWS: z.coerce.number().int().min(1).default(100_000),
  /** Most keywords one account may hold (the plans issue replaces this with per-plan limits). */
  ACCOUNT_MAX_KEYWORDS: z.coerce.number().int().min(1).default(250_000),
  /** Outgoing email: one URL (`smtp://user:pass@host:587`, `smtps://…:465`) or the parts below. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  SMTP_HOST: z.string().min(1).optional(),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
  SMTP_USER: z.string().optional(),
  SMTP_PASS: z.string().optional(),
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  SMTP_SECURE: bool.optional(),
  /** The sender of every email, e.g. `igny8 <no-reply@example.com>`. */
  MAIL_FROM: z.string().min(3).optional(),
  /** Initial value of the platform's "verify email on sign-up" switch; default on when SMTP is configured. */
  EMAIL_VERIFICATION: bool.optional(),
  PASSWORD_RESET_TTL_MINUTES: z.coerce.number().int().min(1).max(1440).default(30),
  EMAIL_VERIFICATION_TTL_HOURS: z.coerce.number().int().min(1).max(720).default(48),
  OPENAI_API_KEY: z.string().optional(),
  OPENAI_BASE_URL: z.string().url().optional(),
  TEXT_MODEL: z.string().default('gpt-4o-mini'),
  IMAGE_MODEL: z.string().default('gpt-image-1'),
  EMBEDDING_MODEL: z.string().default('text-embedding-3-small'),
  /** The platform's provider of top search results per keyword (SERP overlap); unset: SERP exports only. */
  SERP_PROVIDER: z.enum(['serpapi']).optional(),
  SERPAPI_API_KEY: z.string().min(1).optional(),
  SERPAPI_BASE_URL: z.string().url().default('https://serpapi.com'),
});
export type Env = z.infer<typeof envSchema>;

export interface SmtpSettings {
  /** nodemailer transport options: a URL or host/port/auth */
  transport: string | { host: string; port: number; secure: boolean; auth?: { user: string; pass: string } };
  from: string;
}

export interface Config extends Omit<Env, 'APP_SECRET'> {
  APP_SECRET: string;
  /** null: no email is sent; invitations are links to copy and forgotten passwords need an operator. */
  smtp: SmtpSettings | null;
  emailVerificationDefault: boolean;
  /** Defaults for platform settings the first time the database is set up. */
  signupEnabledDefault: boolean;
  allowAccountKeysDefault: boolean;
  cookieSecure: boolean;
}

export class ConfigError extends Error {}

/**
 * Parses the environment once. Without APP_SECRET, a secret is generated on first
 * start and kept in DATA_DIR so sessions and encrypted keys survive restarts.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = resolve(e.DATA_DIR);
  const smtp = smtpSettings(e);
  return {
    ...e,
    smtp,
    emailVerificationDefault: e.EMAIL_VERIFICATION ?? smtp !== null,
    DATA_DIR: dataDir,
    ...(e.WEB_DIST ? { WEB_DIST: resolve(e.WEB_DIST) } : {}),
    APP_SECRET: e.APP_SECRET ?? secretFromDataDir(dataDir),
    signupEnabledDefault: e.SIGNUP_ENABLED ?? true,
    allowAccountKeysDefault: e.ALLOW_ACCOUNT_KEYS ?? true,
    cookieSecure: e.PUBLIC_URL?.startsWith('https://') ?? false,
  };
}

function smtpSettings(e: Env): SmtpSettings | null {
  if (!e.SMTP_URL && !e.SMTP_HOST) return null;
  // Links in emails must point at the product, never at whatever Host header a request came with.
  if (!e.PUBLIC_URL)
    throw new ConfigError(
      'Invalid configuration:\n  PUBLIC_URL: required when SMTP is configured (links in emails use it)',
    );
  const from = e.MAIL_FROM ?? `igny8 <no-reply@${new URL(e.PUBLIC_URL).hostname}>`;
  if (e.SMTP_URL) return { transport: e.SMTP_URL, from };
  const auth = e.SMTP_USER ? { user: e.SMTP_USER, pass: e.SMTP_PASS ?? '' } : undefined;
  return {
    transport: {
      host: e.SMTP_HOST!,
      port: e.SMTP_PORT,
      secure: e.SMTP_SECURE ?? e.SMTP_PORT === 465,
      ...(auth ? { auth } : {}),
    },
    from,
  };
}

function secretFromDataDir(dataDir: string): string {
  const file = join(dataDir, 'app-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

/** A config for tests and tools: explicit values, no generated files. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  const base = loadConfig({ APP_SECRET: 'test-secret-test-secret-test-secret-0123', LOG_LEVEL: 'silent' });
  return { ...base, ...overrides };
}
