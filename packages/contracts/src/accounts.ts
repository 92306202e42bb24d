import { z } from 'zod';
import { emailSchema, accountNameSchema } from './auth';
import { roleSchema } from './roles';

export const accountSchema = z.object({
  id: z.string(),
  name: z.string(),
  isSystem: z.boolean(),
  active: z.boolean(),
  requireTwoFactor: z.boolean(),
  createdAt: z.string(),
});
export type Account = z.infer<typeof accountSchema>;

export const updateAccountBodySchema = z.object({ name: accountNameSchema });

export const memberSchema = z.object({
  userId: z.string(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  /** false when deactivated in this account */
  active: z.boolean(),
  /** false when the user is deactivated platform-wide */
  userActive: z.boolean(),
  /**
   * true while the invitation is not accepted: the membership grants no access yet, and name/userActive show
   * only what the inviter typed (the email), whether or not the email has an igny8 user.
   */
  invited: z.boolean(),
  createdAt: z.string(),
});
export type Member = z.infer<typeof memberSchema>;

export const addMemberBodySchema = z.object({ email: emailSchema, role: roleSchema });
export type AddMemberBody = z.input<typeof addMemberBodySchema>;

export const addMemberResponseSchema = z.object({
  member: memberSchema,
  /**
   * The one-time link the admin passes on when no email could be sent (no SMTP configured); null when the
   * invitation went out by email, so only the invited person holds the link.
   */
  inviteUrl: z.string().nullable(),
  emailSent: z.boolean(),
});
export type AddMemberResponse = z.infer<typeof addMemberResponseSchema>;

export const updateMemberBodySchema = z
  .object({ role: roleSchema.optional(), active: z.boolean().optional() })
  .refine((b) => b.role !== undefined || b.active !== undefined, {
    message: 'give role or active',
  });
export type UpdateMemberBody = z.input<typeof updateMemberBodySchema>;

export const listOf = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    total: z.number().int(),
    /** true when `total` is an estimate (a long list is not counted row by row): show it as "about N" */
    totalEstimated: z.boolean().optional(),
  });

export const pageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const platformSettingsSchema = z.object({
  signupEnabled: z.boolean(),
  allowAccountKeys: z.boolean(),
  /** sign-up needs a verified email (on by default when SMTP is configured) */
  emailVerification: z.boolean(),
});
export type PlatformSettings = z.infer<typeof platformSettingsSchema>;
export const updatePlatformSettingsBodySchema = platformSettingsSchema.partial();

export const updateActiveBodySchema = z.object({ active: z.boolean() });

export const accountSecurityBodySchema = z.object({ requireTwoFactor: z.boolean() });
export type AccountSecurityBody = z.infer<typeof accountSecurityBodySchema>;

/** A user as platform operators see them. */
export const platformUserSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  isDeveloper: z.boolean(),
  active: z.boolean(),
  emailVerified: z.boolean(),
  twoFactorEnabled: z.boolean(),
  createdAt: z.string(),
});
export type PlatformUser = z.infer<typeof platformUserSchema>;
export const platformUsersQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
  q: z.string().trim().max(200).optional(),
});
export const updatePlatformUserBodySchema = z
  .object({ active: z.boolean().optional(), isDeveloper: z.boolean().optional() })
  .refine((b) => b.active !== undefined || b.isDeveloper !== undefined, { message: 'give active or isDeveloper' });
export type UpdatePlatformUserBody = z.infer<typeof updatePlatformUserBodySchema>;
