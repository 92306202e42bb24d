import { z } from 'zod';

/** Machine codes a client can branch on. Every error response carries exactly one. */
export const errorCodes = [
  'auth_missing',
  'auth_invalid',
  'auth_expired',
  'role_insufficient',
  'platform_only',
  'account_inactive',
  'user_inactive',
  'validation_failed',
  /** text the database cannot store: a NUL (0x00) or an unpaired UTF-16 surrogate */
  'invalid_text',
  'invalid_json',
  'payload_too_large',
  'unsupported_media_type',
  'not_found',
  'conflict',
  'email_taken',
  'already_member',
  'setup_done',
  'setup_required',
  'signup_disabled',
  'last_owner',
  'own_keys_disabled',
  'outbound_blocked',
  'api_key_required',
  'queue_unavailable',
  /** 402: the task's estimated credits exceed what the account has available; details { needed, available } */
  'insufficient_credits',
  /** 402: the plan allows no more of a resource; details { resource, limit, used, plan } */
  'plan_limit',
  /** 402: the account's plan does not include this feature (automation, own AI keys); details { feature, plan } */
  'feature_not_in_plan',
  /** 409: the site already has an automation run queued, running or paused; details { runId } */
  'automation_running',
  /** a task of the same kind is queued or running on some of the same items; `details.taskId` names it */
  'task_already_running',
  /** an Idempotency-Key sent again with a different request */
  'idempotency_key_reused',
  'import_invalid',
  'import_empty',
  'csv_invalid',
  /** a CSV upload over IMPORT_MAX_BYTES (413), over IMPORT_MAX_ROWS (413), or one that would pass ACCOUNT_MAX_KEYWORDS (400) */
  'import_too_large',
  'import_too_many_rows',
  'keyword_limit_reached',
  'invite_invalid',
  /** a password-reset link that is unknown, used or expired */
  'reset_invalid',
  /** an email-verification link that is unknown, used or expired */
  'verification_invalid',
  /** sign-in refused until the email is verified (the platform's switch is on) */
  'email_unverified',
  /** the second step of a two-factor sign-in: unknown or expired challenge */
  'challenge_invalid',
  /** a two-factor or recovery code that is wrong or already used */
  'two_factor_invalid',
  /** the account requires two-factor sign-in and the caller has not turned it on */
  'two_factor_required',
  /** the current password given to change a security setting is wrong */
  'password_incorrect',
  /** an API token used where only a signed-in person may act (profile, tokens, security settings, platform) */
  'api_token_not_allowed',
  'password_weak',
  /** an editorial state change this role may not make from the current state; details.allowed lists those it may */
  'transition_not_allowed',
  /** publishing (or scheduling, unpublishing) needs an approver: an admin, or an editor where the site allows it */
  'publish_not_allowed',
  /** the site has no enabled destination (or not the ones named) */
  'no_destination',
  /** a WordPress or webhook destination refused or failed; the message quotes it */
  'destination_failed',
  /** a prompt names a variable its function does not have; details { variable, allowed } */
  'prompt_variable_unknown',
  /** 409: a site has at most 5 sectors; details { limit } */
  'sector_limit_reached',
  /** 409: a site keeps at least one sector */
  'last_sector',
  /** 409: the sector still holds keywords, clusters, ideas, writer tasks or content: move them (`moveTo`); details { counts } */
  'sector_not_empty',
  /** 409: the site already has a sector of this name (case ignored) */
  'sector_name_taken',
  /** 422: a keyword and a cluster (or two clusters) of different sectors: a cluster never mixes sectors */
  'sector_mismatch',
  /** 422: more keywords than a clustering preview takes; details { keywords, max } */
  'preview_too_large',
  /** 429: the account's other clustering previews are still being computed */
  'preview_busy',
  /** 422: the server has no SERP provider configured (SERP_PROVIDER): import a SERP export instead */
  'serp_provider_missing',
  'rate_limited',
  'internal',
] as const;
export const errorCodeSchema = z.enum(errorCodes);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;
