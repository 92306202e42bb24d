import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../http/errors';

/**
 * Two independent login limits: per client address and per email, so neither
 * spraying one account from many addresses nor many accounts from one address works.
 */
export function loginLimit(app: FastifyInstance, opts: { perIp: number; perEmail: number; windowMs: number }) {
  const byIp = app.createRateLimit({ max: opts.perIp, timeWindow: opts.windowMs, keyGenerator: (r) => `ip:${r.ip}` });
  const byEmail = app.createRateLimit({
    max: opts.perEmail,
    timeWindow: opts.windowMs,
    keyGenerator: (r) => `email:${(r.body as { email?: string } | undefined)?.email ?? ''}`,
  });
  return async (req: FastifyRequest, reply: FastifyReply) => {
    for (const [check, what] of [
      [byIp, 'from this address'],
      [byEmail, 'for this email'],
    ] as const) {
      const result = await check(req);
      if (!result.isAllowed && result.isExceeded) {
        reply.header('retry-after', String(result.ttlInSeconds));
        throw new AppError(429, 'rate_limited', `Too many sign-in attempts ${what}. Try again in ${result.ttlInSeconds} s.`);
      }
    }
  };
}
