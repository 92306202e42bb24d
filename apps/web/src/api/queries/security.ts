import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  apiTokenListSchema,
  auditEventSchema,
  createdApiTokenSchema,
  emailRequestAcceptedSchema,
  listOf,
  platformUserSchema,
  recoveryCodesSchema,
  sessionListSchema,
  twoFactorSetupSchema,
  twoFactorStatusSchema,
  userSchema,
  accountSchema,
  type AuditQuery,
  type ChangePasswordBody,
  type CreateApiTokenBody,
  type ResetPasswordBody,
  type UpdatePlatformUserBody,
} from '@igny8/contracts';
import { reloadProfile } from '../../auth/session';
import { api, apiBlob } from '../client';
import { accountPath } from './accounts';

// ---- signed out: links by email -------------------------------------------------------------

export const requestPasswordReset = (email: string) =>
  api('/api/v1/auth/password/forgot', { method: 'POST', body: { email }, schema: emailRequestAcceptedSchema });
export const resetPassword = (body: ResetPasswordBody) =>
  api<void>('/api/v1/auth/password/reset', { method: 'POST', body });
export const verifyEmail = (token: string) =>
  api<void>('/api/v1/auth/verify-email', { method: 'POST', body: { token } });
export const resendVerification = (email: string) =>
  api('/api/v1/auth/verify-email/resend', { method: 'POST', body: { email }, schema: emailRequestAcceptedSchema });

// ---- profile ----------------------------------------------------------------------------------

const profileKeys = { twoFactor: ['profile', 'two-factor'] as const, sessions: ['profile', 'sessions'] as const };

export function useChangePassword() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ChangePasswordBody) => api<void>('/api/v1/auth/password/change', { method: 'POST', body }),
    meta: { errorTitle: false },
    onSuccess: () => qc.invalidateQueries({ queryKey: profileKeys.sessions }),
  });
}

export function useTwoFactorStatus() {
  return useQuery({
    queryKey: profileKeys.twoFactor,
    queryFn: ({ signal }) => api('/api/v1/auth/two-factor', { schema: twoFactorStatusSchema, signal }),
  });
}

export function useTwoFactorSetup() {
  return useMutation({
    mutationFn: (password: string) =>
      api('/api/v1/auth/two-factor/setup', { method: 'POST', body: { password }, schema: twoFactorSetupSchema }),
    meta: { errorTitle: false },
  });
}

/** Not awaited by the mutation: the form that asked may unmount once the status changes, before its own onSuccess runs. */
function useAfterTwoFactorChange() {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: profileKeys.twoFactor });
    void reloadProfile().catch(() => {});
  };
}

export function useEnableTwoFactor() {
  const after = useAfterTwoFactorChange();
  return useMutation({
    mutationFn: (code: string) =>
      api('/api/v1/auth/two-factor/enable', { method: 'POST', body: { code }, schema: recoveryCodesSchema }),
    meta: { errorTitle: false },
    onSuccess: after,
  });
}

export function useDisableTwoFactor() {
  const after = useAfterTwoFactorChange();
  return useMutation({
    mutationFn: (body: { password: string; code: string }) =>
      api<void>('/api/v1/auth/two-factor/disable', { method: 'POST', body }),
    meta: { errorTitle: false },
    onSuccess: after,
  });
}

export function useRegenerateRecoveryCodes() {
  const after = useAfterTwoFactorChange();
  return useMutation({
    mutationFn: (password: string) =>
      api('/api/v1/auth/two-factor/recovery-codes', {
        method: 'POST',
        body: { password },
        schema: recoveryCodesSchema,
      }),
    meta: { errorTitle: false },
    onSuccess: after,
  });
}

export function useSessions() {
  return useQuery({
    queryKey: profileKeys.sessions,
    queryFn: ({ signal }) => api('/api/v1/auth/sessions', { schema: sessionListSchema, signal }),
  });
}

export function useEndSession() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(`/api/v1/auth/sessions/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    meta: { errorTitle: 'Could not end the session' },
    onSettled: () => qc.invalidateQueries({ queryKey: profileKeys.sessions }),
  });
}

// ---- account: security, API tokens, audit log ---------------------------------------------------

export function useSetAccountSecurity(accountId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (requireTwoFactor: boolean) =>
      api(`${accountPath(accountId)}/security`, { method: 'PUT', body: { requireTwoFactor }, schema: accountSchema }),
    meta: { errorTitle: 'Could not change the security setting' },
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['accounts', accountId] });
      await reloadProfile().catch(() => {});
    },
  });
}

const tokensKey = (accountId: string) => ['accounts', accountId, 'api-tokens'] as const;

export function useApiTokens(accountId: string) {
  return useQuery({
    queryKey: tokensKey(accountId),
    queryFn: ({ signal }) => api(`${accountPath(accountId)}/api-tokens`, { schema: apiTokenListSchema, signal }),
  });
}

export function useCreateApiToken(accountId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateApiTokenBody) =>
      api(`${accountPath(accountId)}/api-tokens`, { method: 'POST', body, schema: createdApiTokenSchema }),
    meta: { errorTitle: false },
    onSuccess: () => qc.invalidateQueries({ queryKey: tokensKey(accountId) }),
  });
}

export function useRevokeApiToken(accountId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api<void>(`${accountPath(accountId)}/api-tokens/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    meta: { errorTitle: 'Could not revoke the token' },
    onSettled: () => qc.invalidateQueries({ queryKey: tokensKey(accountId) }),
  });
}

export type AuditFilter = Pick<AuditQuery, 'action' | 'actor'> & {
  limit: number;
  offset: number;
  accountId?: string;
  scope?: 'all' | 'platform';
};

function auditSearch(f: Partial<AuditFilter>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** `accountId` null: the platform's view (operators). */
export function useAuditLog(base: string, filter: AuditFilter) {
  return useQuery({
    queryKey: ['audit', base, filter],
    queryFn: ({ signal }) => api(`${base}${auditSearch(filter)}`, { schema: listOf(auditEventSchema), signal }),
    placeholderData: (prev) => prev,
  });
}

export async function downloadAuditCsv(base: string, filter: Partial<AuditFilter>) {
  const { limit: _l, offset: _o, ...rest } = filter;
  const { blob, filename } = await apiBlob(`${base}/export${auditSearch(rest)}`);
  return { blob, filename: filename ?? 'audit.csv' };
}

// ---- platform users ------------------------------------------------------------------------------

export function usePlatformUsers(q: string, page: { limit: number; offset: number }) {
  return useQuery({
    queryKey: ['platform', 'users', q, page],
    queryFn: ({ signal }) =>
      api(`/api/v1/platform/users${auditSearch({ ...page, q } as Partial<AuditFilter>)}`, {
        schema: listOf(platformUserSchema),
        signal,
      }),
    placeholderData: (prev) => prev,
  });
}

export function useUpdatePlatformUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, ...body }: UpdatePlatformUserBody & { userId: string }) =>
      api(`/api/v1/platform/users/${encodeURIComponent(userId)}`, { method: 'PATCH', body, schema: userSchema }),
    meta: { errorTitle: 'Could not change the user' },
    onSettled: () => qc.invalidateQueries({ queryKey: ['platform', 'users'] }),
  });
}
