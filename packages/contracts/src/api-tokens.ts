import { z } from 'zod';
import { roleSchema } from './roles';

/** Every API token starts with this, so a token is told from a session JWT (and found by secret scanners). */
export const API_TOKEN_PREFIX = 'igny8_pat_';

export const apiTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: roleSchema,
  /** the first characters, to tell tokens apart; never enough to use one */
  prefix: z.string(),
  createdBy: z.object({ userId: z.string(), name: z.string(), email: z.string() }),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type ApiToken = z.infer<typeof apiTokenSchema>;

export const createApiTokenBodySchema = z.object({
  name: z.string().trim().min(1).max(100),
  role: roleSchema,
  /** ISO date-time in the future; absent or null = no expiry */
  expiresAt: z.iso.datetime({ offset: true }).nullish(),
});
export type CreateApiTokenBody = z.input<typeof createApiTokenBodySchema>;

/** The token itself is in this answer only: it is stored hashed. */
export const createdApiTokenSchema = z.object({ token: apiTokenSchema, secret: z.string() });
export type CreatedApiToken = z.infer<typeof createdApiTokenSchema>;
export const apiTokenListSchema = z.object({ items: z.array(apiTokenSchema) });
