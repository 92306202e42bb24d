import {
  changePasswordBodySchema,
  passwordConfirmBodySchema,
  recoveryCodesSchema,
  sessionListSchema,
  twoFactorDisableBodySchema,
  twoFactorEnableBodySchema,
  twoFactorSetupSchema,
  twoFactorStatusSchema,
} from '@igny8/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, type Actor } from '../access/context';
import { policies } from '../access/policy';
import { isUuid } from '../db/query';
import type { RouteDeps } from '../http/deps';
import { AppError, notFound } from '../http/errors';
import { findUserById } from '../modules/accounts/repo';

const tags = ['profile'];

/** The signed-in person's own security: password, two-factor sign-in, sessions. Sessions only, never API tokens. */
export async function profileRoutes(root: FastifyInstance, deps: RouteDeps): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db, auth, recovery, twoFactor, sessions } = deps;
  const policy = policies.authenticated;

  const userOf = async (actor: Actor) => {
    const user = await findUserById(db, actor.userId);
    if (!user) throw new AppError(401, 'auth_invalid', 'Your session token is not valid');
    return user;
  };
  /** Changing how you sign in asks for the password again: a session left open is not enough. */
  const confirmPassword = async (actor: Actor, password: string) => {
    if (!(await auth.checkPassword(actor.email, password, actor.origin, false))) {
      throw new AppError(403, 'password_incorrect', 'Your password is not right', [
        { path: 'body.password', message: 'not right' },
      ]);
    }
  };

  app.post('/api/v1/auth/password/change', {
    config: { policy },
    schema: { tags, body: changePasswordBodySchema, response: { 204: z.null() } },
    handler: async (req, reply) => {
      await recovery.changePassword(actorOf(req), req.body);
      return reply.status(204).send(null);
    },
  });

  app.get('/api/v1/auth/two-factor', {
    config: { policy },
    schema: { tags, response: { 200: twoFactorStatusSchema } },
    handler: async (req) => twoFactor.status(actorOf(req).userId),
  });

  app.post('/api/v1/auth/two-factor/setup', {
    config: { policy },
    schema: { tags, body: passwordConfirmBodySchema, response: { 200: twoFactorSetupSchema } },
    handler: async (req) => {
      const actor = actorOf(req);
      await confirmPassword(actor, req.body.password);
      return twoFactor.setup(await userOf(actor));
    },
  });

  app.post('/api/v1/auth/two-factor/enable', {
    config: { policy },
    schema: { tags, body: twoFactorEnableBodySchema, response: { 200: recoveryCodesSchema } },
    handler: async (req) => twoFactor.enable(await userOf(actorOf(req)), req.body.code, actorOf(req)),
  });

  app.post('/api/v1/auth/two-factor/disable', {
    config: { policy },
    schema: { tags, body: twoFactorDisableBodySchema, response: { 204: z.null() } },
    handler: async (req, reply) => {
      const actor = actorOf(req);
      await confirmPassword(actor, req.body.password);
      await twoFactor.disable(await userOf(actor), req.body.code, actor);
      return reply.status(204).send(null);
    },
  });

  app.post('/api/v1/auth/two-factor/recovery-codes', {
    config: { policy },
    schema: { tags, body: passwordConfirmBodySchema, response: { 200: recoveryCodesSchema } },
    handler: async (req) => {
      const actor = actorOf(req);
      await confirmPassword(actor, req.body.password);
      return twoFactor.regenerateRecoveryCodes(await userOf(actor), actor);
    },
  });

  app.get('/api/v1/auth/sessions', {
    config: { policy },
    schema: { tags, response: { 200: sessionListSchema } },
    handler: async (req) => ({ items: await sessions.list(actorOf(req).userId, actorOf(req).familyId) }),
  });

  app.delete('/api/v1/auth/sessions/:sessionId', {
    config: { policy },
    schema: { tags, params: z.object({ sessionId: z.string() }), response: { 204: z.null() } },
    handler: async (req, reply) => {
      const actor = actorOf(req);
      if (!isUuid(req.params.sessionId) || !(await sessions.endOwn(actor, req.params.sessionId)))
        throw notFound('Session');
      return reply.status(204).send(null);
    },
  });
}
