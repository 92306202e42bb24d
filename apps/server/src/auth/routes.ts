import {
  acceptInviteBodySchema,
  authResponseSchema,
  loginBodySchema,
  meSchema,
  setupBodySchema,
  setupStatusSchema,
  signupBodySchema,
} from '@igny8/contracts';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../access/context';
import { policies } from '../access/policy';
import type { RouteDeps } from '../http/deps';
import { setup, signup } from '../modules/accounts/service';
import { countUsers } from '../modules/accounts/repo';
import { getPlatformSettings } from '../modules/platform/repo';
import { LoginRefused } from './login-limit';
import { clearRefreshCookie, readRefreshCookie, setRefreshCookie } from './cookie';
import type { IssuedSession } from './service';

const tags = ['auth'];

export async function authRoutes(root: FastifyInstance, deps: RouteDeps): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { config, db, auth } = deps;
  const respond = (reply: FastifyReply, s: IssuedSession, status = 200) => {
    setRefreshCookie(reply, s.refreshToken, config);
    return reply.status(status).send(s.response);
  };
  /** A refused sign-in says when to come back. */
  const limited = async <T>(reply: FastifyReply, attempt: () => Promise<T>): Promise<T> => {
    try {
      return await attempt();
    } catch (e) {
      if (e instanceof LoginRefused) reply.header('retry-after', String(e.retryAfter));
      throw e;
    }
  };

  app.get('/api/v1/setup/status', {
    config: { policy: policies.public },
    schema: { tags, response: { 200: setupStatusSchema } },
    handler: async () => ({
      needsSetup: (await countUsers(db)) === 0,
      signupEnabled: (await getPlatformSettings(db, deps.platformDefaults)).signupEnabled,
    }),
  });

  app.post('/api/v1/setup', {
    config: { policy: policies.public },
    schema: { tags, body: setupBodySchema, response: { 201: authResponseSchema } },
    handler: async (req, reply) => {
      const userId = await setup(db, deps.platformDefaults, req.body);
      return respond(reply, await auth.issue(userId), 201);
    },
  });

  app.post('/api/v1/auth/signup', {
    config: { policy: policies.public },
    schema: { tags, body: signupBodySchema, response: { 201: authResponseSchema } },
    handler: async (req, reply) => {
      const userId = await signup(db, deps.platformDefaults, req.body);
      return respond(reply, await auth.issue(userId), 201);
    },
  });

  app.post('/api/v1/auth/login', {
    config: { policy: policies.public },
    schema: { tags, body: loginBodySchema, response: { 200: authResponseSchema } },
    handler: async (req, reply) =>
      respond(reply, await limited(reply, () => auth.login(req.body.email, req.body.password, req.ip))),
  });

  app.post('/api/v1/auth/refresh', {
    config: { policy: policies.public },
    schema: { tags, response: { 200: authResponseSchema } },
    handler: async (req, reply) => {
      try {
        return respond(reply, await auth.refresh(readRefreshCookie(req)));
      } catch (e) {
        clearRefreshCookie(reply, config);
        throw e;
      }
    },
  });

  app.post('/api/v1/auth/logout', {
    config: { policy: policies.public },
    schema: { tags, response: { 204: z.null() } },
    handler: async (req, reply) => {
      await auth.logout(readRefreshCookie(req));
      clearRefreshCookie(reply, config);
      return reply.status(204).send(null);
    },
  });

  app.post('/api/v1/auth/invite/accept', {
    config: { policy: policies.public },
    schema: { tags, body: acceptInviteBodySchema, response: { 200: authResponseSchema } },
    handler: async (req, reply) => respond(reply, await limited(reply, () => auth.acceptInvite(req.body, req.ip))),
  });

  app.get('/api/v1/auth/me', {
    config: { policy: policies.authenticated },
    schema: { tags, response: { 200: meSchema } },
    handler: async (req) => auth.me(actorOf(req).userId),
  });
}
