import type { z } from 'zod';

/**
 * A PATCH body must change something: `{}` (or only unknown fields, which are stripped) is a 400
 * rather than an update with nothing to set.
 */
export function atLeastOneField<T extends z.ZodObject>(schema: T): T {
  return schema.refine((body) => Object.values(body).some((v) => v !== undefined), {
    message: 'Send at least one field to change',
  });
}
