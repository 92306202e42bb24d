import type { FastifyRequest } from 'fastify';
import { z } from 'zod';

/**
 * The optional `Idempotency-Key` header of every route that starts a task: the same key (per
 * account) answers the task the first request started, instead of starting another. Loose: the
 * other headers stay as they are.
 */
export const taskStartHeaders = z.looseObject({
  'idempotency-key': z
    .string()
    .regex(/^[\x21-\x7e]{1,200}$/, 'up to 200 visible ASCII characters, e.g. a UUID')
    .optional()
    .describe('A key the client makes per intended start (e.g. a UUID): sending it again answers the same task'),
});

export function idempotencyKeyOf(req: FastifyRequest): string | null {
  const value = req.headers['idempotency-key'];
  return typeof value === 'string' && value.length > 0 ? value : null;
}
