import { z } from 'zod';
import { roleSchema } from './roles';

export const emailSchema = z
  .email({ message: 'must be a valid email address' })
  .max(254)
  .transform((e) => e.trim().toLowerCase());
export const passwordSchema = z.string().min(8, 'must be at least 8 characters').max(200);
export const personNameSchema = z.string().trim().min(1).max(120);
export const accountNameSchema = z.string().trim().min(1).max(120);

export const setupBodySchema = z.object({
  email: emailSchema,
  password: passwordSchema,
  name: personNameSchema,
  accountName: accountNameSchema,
});
export type SetupBody = z.input<typeof setupBodySchema>;
export const signupBodySchema = setupBodySchema;
export type SignupBody = SetupBody;

export const loginBodySchema = z.object({
  email: emailSchema,
  password: z.string().min(1).max(200),
});
export type LoginBody = z.input<typeof loginBodySchema>;

/**
 * Accepting an invitation. A person new to igny8 chooses `name` and a password; a person who already has a user
 * gives that user's password (and no name) to prove it is them.
 */
export const acceptInviteBodySchema = z.object({
  token: z.string().min(10).max(200),
  name: personNameSchema.optional(),
  password: z.string().min(1).max(200),
});
export type AcceptInviteBody = z.input<typeof acceptInviteBodySchema>;

/** Looking an invitation up before accepting it (POST, so the token stays out of URLs and logs). */
export const inviteLookupBodySchema = z.object({ token: z.string().min(10).max(200) });
export type InviteLookupBody = z.input<typeof inviteLookupBodySchema>;

/**
 * What the accept page shows about a live invitation: which account, which role, who sent it. Nothing
 * about the invited user (whether the email already has a user stays unsaid).
 */
export const inviteDetailsSchema = z.object({
  accountName: z.string(),
  role: roleSchema,
  inviterName: z.string().nullable(),
});
export type InviteDetails = z.infer<typeof inviteDetailsSchema>;

export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  isDeveloper: z.boolean(),
  active: z.boolean(),
  emailVerified: z.boolean(),
  twoFactorEnabled: z.boolean(),
});
export type User = z.infer<typeof userSchema>;

export const membershipSchema = z.object({
  accountId: z.string(),
  accountName: z.string(),
  isSystem: z.boolean(),
  accountActive: z.boolean(),
  role: roleSchema,
  active: z.boolean(),
  /** the account requires two-factor sign-in of its members */
  requireTwoFactor: z.boolean(),
});
export type Membership = z.infer<typeof membershipSchema>;

export const meSchema = z.object({
  user: userSchema,
  memberships: z.array(membershipSchema),
  platformOperator: z.boolean(),
});
export type Me = z.infer<typeof meSchema>;

export const authResponseSchema = meSchema.extend({
  accessToken: z.string(),
  /** Seconds until the access token expires. */
  expiresIn: z.number().int(),
});
export type AuthResponse = z.infer<typeof authResponseSchema>;

export const setupStatusSchema = z.object({
  needsSetup: z.boolean(),
  signupEnabled: z.boolean(),
  /** whether the platform can send email (SMTP configured): forgot-password and verification need it */
  emailConfigured: z.boolean(),
});
export type SetupStatus = z.infer<typeof setupStatusSchema>;
