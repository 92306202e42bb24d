import { z } from 'zod';
import { authResponseSchema, emailSchema, passwordSchema } from './auth';

/** The answer to "send me a link" requests: the same whether or not the email has a user. */
export const emailRequestAcceptedSchema = z.object({
  /** false when the platform has no SMTP configured: no email was sent to anyone */
  emailConfigured: z.boolean(),
});
export type EmailRequestAccepted = z.infer<typeof emailRequestAcceptedSchema>;

export const forgotPasswordBodySchema = z.object({ email: emailSchema });
export const resetPasswordBodySchema = z.object({ token: z.string().min(10).max(200), password: passwordSchema });
export type ResetPasswordBody = z.input<typeof resetPasswordBodySchema>;
export const changePasswordBodySchema = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: passwordSchema,
});
export type ChangePasswordBody = z.input<typeof changePasswordBodySchema>;

export const verifyEmailBodySchema = z.object({ token: z.string().min(10).max(200) });
export const resendVerificationBodySchema = z.object({ email: emailSchema });

/** Sign-up when the platform verifies emails: nothing is said about whether the email already has a user. */
export const signupPendingSchema = z.object({
  verificationRequired: z.literal(true),
  emailConfigured: z.boolean(),
});
export type SignupPending = z.infer<typeof signupPendingSchema>;

/** First step of a sign-in whose user has two-factor on: the password was right, a code is needed next. */
export const twoFactorChallengeSchema = z.object({
  twoFactorRequired: z.literal(true),
  /** one-time, short-lived; sent back with the code */
  challenge: z.string(),
  expiresIn: z.number().int(),
});
export type TwoFactorChallenge = z.infer<typeof twoFactorChallengeSchema>;

export const totpCodeSchema = z
  .string()
  .trim()
  .regex(/^\d{6}$/, 'must be the 6-digit code from your app');
export const recoveryCodeSchema = z.string().trim().min(8).max(40);

export const loginTwoFactorBodySchema = z
  .object({
    challenge: z.string().min(10).max(200),
    code: totpCodeSchema.optional(),
    recoveryCode: recoveryCodeSchema.optional(),
  })
  .refine((b) => (b.code === undefined) !== (b.recoveryCode === undefined), {
    message: 'give either code or recoveryCode',
  });
export type LoginTwoFactorBody = z.input<typeof loginTwoFactorBodySchema>;

export const twoFactorStatusSchema = z.object({
  enabled: z.boolean(),
  recoveryCodesLeft: z.number().int(),
});
export type TwoFactorStatus = z.infer<typeof twoFactorStatusSchema>;

export const passwordConfirmBodySchema = z.object({ password: z.string().min(1).max(200) });

/** Setting up: the secret to put in an authenticator app, as text, as an otpauth:// link, and as a QR code (SVG). */
export const twoFactorSetupSchema = z.object({
  secret: z.string(),
  otpauthUrl: z.string(),
  qrSvg: z.string(),
});
export type TwoFactorSetup = z.infer<typeof twoFactorSetupSchema>;

export const twoFactorEnableBodySchema = z.object({ code: totpCodeSchema });
export const twoFactorDisableBodySchema = z.object({ password: z.string().min(1).max(200), code: totpCodeSchema });

/** Shown once: only their hashes are kept. */
export const recoveryCodesSchema = z.object({ recoveryCodes: z.array(z.string()) });
export type RecoveryCodes = z.infer<typeof recoveryCodesSchema>;

export const sessionSchema = z.object({
  id: z.string(),
  /** e.g. "Chrome 126 on Linux", from the user agent it signed in with */
  device: z.string(),
  ip: z.string().nullable(),
  createdAt: z.string(),
  lastUsedAt: z.string(),
  /** the session this request comes from */
  current: z.boolean(),
});
export type SessionInfo = z.infer<typeof sessionSchema>;
export const sessionListSchema = z.object({ items: z.array(sessionSchema) });

/** What sign-in answers: a session, or the two-factor challenge. */
export const loginResultSchema = z.union([authResponseSchema, twoFactorChallengeSchema]);
/** What sign-up answers: a session, or "check your email" when the platform verifies emails. */
export const signupResultSchema = z.union([authResponseSchema, signupPendingSchema]);
