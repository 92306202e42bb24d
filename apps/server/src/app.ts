import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { registerAccessGuard, type RouteEntry } from './access/guard';
import { policies } from './access/policy';
import { registerSiteScope } from './access/site-scope';
import { authRoutes } from './auth/routes';
import { LoginLimit } from './auth/login-limit';
import { AccountRecovery } from './auth/account-recovery';
import { AuthService } from './auth/service';
import { TwoFactor } from './auth/two-factor';
import { Sessions } from './auth/sessions';
import { AccessTokens } from './auth/tokens';
import type { Config } from './config';
import type { Database } from './db/client';
import type { RouteDeps } from './http/deps';
import { frameworkErrors, registerErrorHandling } from './http/errors';
import { parseTrustProxy } from './http/trust-proxy';
import { webAppRoutes } from './http/web-app';
import { profileRoutes } from './auth/profile-routes';
import { accountRoutes } from './modules/accounts/routes';
import { apiTokenRoutes } from './modules/api-tokens/routes';
import { auditRoutes } from './modules/audit/routes';
import { clusterRoutes } from './modules/clusters/routes';
import { dashboardRoutes } from './modules/dashboard/routes';
import { demoRoutes } from './modules/demo/routes';
import { automationRoutes } from './modules/automation/routes';
import { billingRoutes } from './modules/billing/routes';
import { platformBillingRoutes } from './modules/billing/platform-routes';
import { ideaRoutes } from './modules/ideas/routes';
import { integrationRoutes } from './modules/integrations/routes';
import { keywordRoutes } from './modules/keywords/routes';
import { siteRoutes } from './modules/sites/routes';
import { sectorRoutes } from './modules/sectors/routes';
import { imageRoutes } from './modules/writer/image-routes';
import { writerRoutes } from './modules/writer/routes';
import { platformRoutes } from './modules/platform/routes';
import { publishingRoutes } from './modules/publishing/routes';
import { promptRoutes } from './modules/prompts/routes';
import { voiceRoutes } from './modules/voices/routes';
import { linkRoutes } from './modules/links/routes';
import { taskRoutes } from './modules/tasks/routes';
import { Runtime, type RuntimeOptions } from './runtime';

export interface AppDeps {
  config: Config;
  database: Database;
  /** Fastify logger options, or a pino instance via loggerInstance. */
  logger?: FastifyServerOptions['logger'];
  loggerInstance?: FastifyServerOptions['loggerInstance'];
  /** Serve the built web app from this directory (skipped when it does not exist). */
  webDist?: string;
  /** Queue, task kinds, worker; defaults to an API-only runtime with the product's task kinds. */
  runtime?: Partial<RuntimeOptions>;
  /** The clock for two-factor codes and one-time links; tests fix it. */
  now?: () => Date;
}

export type App = FastifyInstance & { routeRegistry: RouteEntry[]; runtime: Runtime };

export async function buildApp(deps: AppDeps): Promise<App> {
  const { config, database } = deps;
  const app = Fastify({
    ...(deps.loggerInstance
      ? { loggerInstance: deps.loggerInstance }
      : { logger: deps.logger ?? { level: config.LOG_LEVEL } }),
    trustProxy: parseTrustProxy(config.TRUST_PROXY),
    bodyLimit: 5 * 1024 * 1024,
    frameworkErrors,
    ajv: undefined,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);

  const tokens = new AccessTokens(config.APP_SECRET, config.ACCESS_TOKEN_TTL_SECONDS);
  const sessions = new Sessions(database.db, {
    refreshTtlDays: config.REFRESH_TOKEN_TTL_DAYS,
    reuseGraceSeconds: config.REFRESH_REUSE_GRACE_SECONDS,
  });
  const loginLimit = new LoginLimit(database.db, {
    perIp: config.LOGIN_LIMIT_PER_IP,
    perEmail: config.LOGIN_LIMIT_PER_EMAIL,
    windowSeconds: config.LOGIN_LIMIT_WINDOW_SECONDS,
  });
  const requestLimit = new LoginLimit(database.db, {
    perIp: config.LOGIN_LIMIT_PER_IP,
    perEmail: config.LOGIN_LIMIT_PER_EMAIL,
    windowSeconds: config.LOGIN_LIMIT_WINDOW_SECONDS,
    keyPrefix: 'link:',
  });
  const now = deps.now ?? (() => new Date());
  const runtime = new Runtime(config, database, app.log, { worker: false, ...deps.runtime });
  app.addHook('onReady', () => runtime.start());
  app.addHook('onClose', () => runtime.stop());
  const twoFactor = new TwoFactor(database.db, config.APP_SECRET, now);
  const { platformDefaults, mailer } = runtime;
  const auth = new AuthService({ database, tokens, sessions, loginLimit, twoFactor, platformDefaults, now });
  const recovery = new AccountRecovery({
    database,
    config,
    auth,
    sessions,
    mailer,
    requestLimit,
    platformDefaults,
    now,
  });
  const routeDeps: RouteDeps = {
    config,
    db: database.db,
    database,
    auth,
    recovery,
    twoFactor,
    mailer,
    now,
    sessions,
    platformDefaults: runtime.platformDefaults,
    integrations: runtime.integrations,
    tasks: runtime.tasks,
    billing: runtime.billing,
    prices: runtime.prices,
    storage: runtime.storage,
    publishing: runtime.publishing,
    automation: runtime.automation,
  };

  const registry = registerAccessGuard(app, { db: database.db, tokens });
  registerSiteScope(app, database.db);

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
      },
    },
  });
  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      info: { title: 'igny8 API', version: '1' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });

  // Routes that plugins own (docs UI, static files) are public; everything else declares its policy itself.
  await app.register(async (pub) => {
    pub.addHook('onRoute', (route) => {
      route.config = { ...route.config, policy: policies.public };
    });
    await pub.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
    const webDist = deps.webDist;
    if (webDist && existsSync(join(webDist, 'index.html'))) {
      await webAppRoutes(pub, webDist);
    }
  });

  app.get('/api/health', {
    // Probes poll it: their request logs would be most of the log and a measurable share of the cost.
    logLevel: 'warn',
    config: { policy: policies.public },
    schema: { tags: ['health'], response: { 200: z.object({ status: z.literal('ok') }) } },
    handler: async () => ({ status: 'ok' as const }),
  });

  await app.register(async (scope) => authRoutes(scope, routeDeps));
  await app.register(async (scope) => profileRoutes(scope, routeDeps));
  await app.register(async (scope) => accountRoutes(scope, routeDeps));
  await app.register(async (scope) => apiTokenRoutes(scope, routeDeps));
  await app.register(async (scope) => auditRoutes(scope, routeDeps));
  await app.register(async (scope) => platformRoutes(scope, routeDeps));
  await app.register(async (scope) => taskRoutes(scope, routeDeps));
  await app.register(async (scope) => integrationRoutes(scope, routeDeps));
  await app.register(async (scope) => siteRoutes(scope, routeDeps));
  await app.register(async (scope) => sectorRoutes(scope, routeDeps));
  await app.register(async (scope) => keywordRoutes(scope, routeDeps));
  await app.register(async (scope) => clusterRoutes(scope, routeDeps));
  await app.register(async (scope) => ideaRoutes(scope, routeDeps));
  await app.register(async (scope) => writerRoutes(scope, routeDeps));
  await app.register(async (scope) => imageRoutes(scope, routeDeps));
  await app.register(async (scope) => dashboardRoutes(scope, routeDeps));
  await app.register(async (scope) => demoRoutes(scope, routeDeps));
  await app.register(async (scope) => billingRoutes(scope, routeDeps));
  await app.register(async (scope) => platformBillingRoutes(scope, routeDeps));
  await app.register(async (scope) => publishingRoutes(scope, routeDeps));
  await app.register(async (scope) => promptRoutes(scope, routeDeps));
  await app.register(async (scope) => voiceRoutes(scope, routeDeps));
  await app.register(async (scope) => linkRoutes(scope, routeDeps));
  await app.register(async (scope) => automationRoutes(scope, routeDeps));

  return Object.assign(app as unknown as FastifyInstance, { routeRegistry: registry, runtime });
}
