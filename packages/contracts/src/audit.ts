import { z } from 'zod';

/**
 * What the audit log records. Later modules (billing, publishing, automation) add their actions here and call
 * the server's `audit.record`.
 */
export const auditActions = [
  'prompt.saved',
  'prompt.reset',
  'brand_voice.created',
  'brand_voice.updated',
  'brand_voice.deleted',
  'account.renamed',
  'account.security_changed',
  'member.invited',
  'member.invitation_accepted',
  'member.role_changed',
  'member.deactivated',
  'member.reactivated',
  'member.removed',
  'integration.saved',
  'integration.removed',
  'api_token.created',
  'api_token.revoked',
  'keyword.deleted',
  'cluster.deleted',
  'idea.deleted',
  'auth.signed_in',
  'auth.sign_in_failed',
  'auth.password_changed',
  'auth.password_reset_requested',
  'auth.password_reset',
  'auth.email_verified',
  'auth.two_factor_enabled',
  'auth.two_factor_disabled',
  'auth.recovery_codes_regenerated',
  'auth.recovery_code_used',
  'auth.session_ended',
  'platform.settings_changed',
  'platform.account_activated',
  'platform.account_deactivated',
  'platform.user_activated',
  'platform.user_deactivated',
  'platform.developer_granted',
  'platform.developer_removed',
  'billing.credits_granted',
  'billing.credits_taken_back',
  'billing.plan_changed',
  'billing.refunded',
  'platform.plan_created',
  'platform.plan_changed',
  'platform.costs_changed',
  'platform.prices_changed',
  'automation.configured',
  'automation.run_started',
  'automation.run_paused',
  'automation.run_resumed',
  'automation.run_cancelled',
] as const;
export const auditActionSchema = z.enum(auditActions);
export type AuditAction = z.infer<typeof auditActionSchema>;

export const auditEventSchema = z.object({
  id: z.string(),
  accountId: z.string().nullable(),
  action: z.string(),
  actor: z.object({
    userId: z.string().nullable(),
    email: z.string().nullable(),
    via: z.enum(['session', 'api_token', 'system', 'anonymous']),
    apiTokenId: z.string().nullable(),
  }),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  target: z.object({ type: z.string(), id: z.string().nullable(), label: z.string().nullable() }).nullable(),
  details: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;

export const auditQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
  /** an action, or a prefix ending in a dot (`member.`) */
  action: z
    .string()
    .trim()
    .max(80)
    .regex(/^[a-z_.]+$/, 'letters, _ and . only')
    .optional(),
  /** part of the actor's email */
  actor: z.string().trim().max(200).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});
export type AuditQuery = z.input<typeof auditQuerySchema>;

/** Operators: `accountId` narrows to one account; `scope=platform` to platform events only. */
export const platformAuditQuerySchema = auditQuerySchema.extend({
  accountId: z.uuid().optional(),
  scope: z.enum(['all', 'platform']).default('all'),
});
