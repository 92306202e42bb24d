import {
  emailRequestAcceptedSchema,
  forgotPasswordBodySchema,
  loginTwoFactorBodySchema,
  resendVerificationBodySchema,
  resetPasswordBodySchema,
  signupPendingSchema,
  twoFactorChallengeSchema,
  verifyEmailBodySchema,
  acceptInviteBodySchema,
  inviteDetailsSchema,
  inviteLookupBodySchema,
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
import { actorOf, originOf } from '../access/context';
import { policies } from '../access/policy';
import type { RouteDeps } from '../http/deps';
import { setup } from '../modules/accounts/service';
import { countUsers } from '../modules/accounts/repo';
import { getPlatformSettings } from '../modules/platform/repo';
import { LoginRefused } from './login-limit';
import { clearRefreshCookie, readRefreshCookie, setRefreshCookie } from './cookie';
import type { IssuedSession } from './service';

const tags = ['auth'];

export async function authRoutes(root: FastifyInstance, deps: RouteDeps): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { config, db, auth, recovery } = deps;
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
      emailConfigured: deps.mailer.configured,
    }),
  });

  app.post('/api/v1/setup', {
    config: { policy: policies.public },
    schema: { tags, body: setupBodySchema, response: { 201: authResponseSchema } },
    handler: async (req, reply) => {
      const userId = await setup(db, deps.platformDefaults, req.body);
      return respond(reply, await auth.issue(userId, originOf(req)), 201);
    },
  });

  app.post('/api/v1/auth/signup', {
    config: { policy: policies.public },
    schema: { tags, body: signupBodySchema, response: { 201: authResponseSchema, 202: signupPendingSchema } },
    handler: async (req, reply) => {
      const result = await recovery.signup(req.body, originOf(req));
      // With email verification on: 202 "check your email", the same for a new and a known address.
      return 'refreshToken' in result ? respond(reply, result, 201) : reply.status(202).send(result);
    },
  });

  app.post('/api/v1/auth/login', {
    config: { policy: policies.public },
    schema: { tags, body: loginBodySchema, response: { 200: authResponseSchema, 202: twoFactorChallengeSchema } },
    handler: async (req, reply) => {
      const result = await limited(reply, () => auth.login(req.body.email, req.body.password, originOf(req)));
      // Two-factor on: 202 with a challenge; the code goes to /auth/login/two-factor.
      return 'refreshToken' in result ? respond(reply, result) : reply.status(202).send(result);
    },
  });

  app.post('/api/v1/auth/login/two-factor', {
    config: { policy: policies.public },
    schema: { tags, body: loginTwoFactorBodySchema, response: { 200: authResponseSchema } },
    handler: async (req, reply) =>
      respond(reply, await limited(reply, () => auth.loginTwoFactor(req.body, originOf(req)))),
  });

  app.post('/api/v1/auth/password/forgot', {
    config: { policy: policies.public },
    schema: { tags, body: forgotPasswordBodySchema, response: { 202: emailRequestAcceptedSchema } },
    handler: async (req, reply) =>
      reply.status(202).send(await limited(reply, () => recovery.forgotPassword(req.body.email, originOf(req)))),
  });

  app.post('/api/v1/auth/password/reset', {
    config: { policy: policies.public },
    schema: { tags, body: resetPasswordBodySchema, response: { 204: z.null() } },
    handler: async (req, reply) => {
      await recovery.resetPassword(req.body, originOf(req));
      return reply.status(204).send(null);
    },
  });

  app.post('/api/v1/auth/verify-email', {
    config: { policy: policies.public },
    schema: { tags, body: verifyEmailBodySchema, response: { 204: z.null() } },
    handler: async (req, reply) => {
      await recovery.verifyEmail(req.body.token, originOf(req));
      return reply.status(204).send(null);
    },
  });

  app.post('/api/v1/auth/verify-email/resend', {
    config: { policy: policies.public },
    schema: { tags, body: resendVerificationBodySchema, response: { 202: emailRequestAcceptedSchema } },
    handler: async (req, reply) =>
      reply.status(202).send(await limited(reply, () => recovery.resendVerification(req.body.email, originOf(req)))),
  });

  app.post('/api/v1/auth/refresh', {
    config: { policy: policies.public },
    schema: { tags, response: { 200: authResponseSchema, 204: z.null() } },
    handler: async (req, reply) => {
      // No cookie is the ordinary signed-out visit, not an error: every page load asks this,
      // and a 401 would log a console error for each visitor. A cookie that fails still gets 401.
      const presented = readRefreshCookie(req);
      if (!presented) return reply.status(204).send(null);
      try {
        return respond(reply, await auth.refresh(presented));
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

  app.post('/api/v1/auth/invite/lookup', {
    config: { policy: policies.public },
    schema: { tags, body: inviteLookupBodySchema, response: { 200: inviteDetailsSchema } },
    handler: async (req) => auth.lookupInvite(req.body.token),
  });

  app.post('/api/v1/auth/invite/accept', {
    config: { policy: policies.public },
    schema: { tags, body: acceptInviteBodySchema, response: { 200: authResponseSchema } },
    handler: async (req, reply) =>
      respond(reply, await limited(reply, () => auth.acceptInvite(req.body, originOf(req)))),
  });

  app.get('/api/v1/auth/me', {
    config: { policy: policies.authenticated },
    schema: { tags, response: { 200: meSchema } },
    handler: async (req) => auth.me(actorOf(req).userId),
  });
}
