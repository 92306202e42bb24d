import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { accountSchema, listOf, platformSettingsSchema, type PlatformSettings } from '@igny8/contracts';
import { reloadProfile } from '../../auth/session';
import { api } from '../client';
import { setupStatusKey } from './setup';

const accountListSchema = listOf(accountSchema);

export const platformKeys = {
  settings: ['platform', 'settings'] as const,
  accounts: ['platform', 'accounts'] as const,
};

export function usePlatformSettings() {
  return useQuery({
    queryKey: platformKeys.settings,
    queryFn: ({ signal }) => api('/api/v1/platform/settings', { schema: platformSettingsSchema, signal }),
  });
}

export function useUpdatePlatformSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Partial<PlatformSettings>) =>
      api('/api/v1/platform/settings', { method: 'PUT', body, schema: platformSettingsSchema }),
    meta: { errorTitle: 'Could not save platform settings' },
    onSuccess: async (settings) => {
      qc.setQueryData(platformKeys.settings, settings);
      await qc.invalidateQueries({ queryKey: setupStatusKey });
    },
  });
}

export function usePlatformAccounts() {
  return useQuery({
    queryKey: platformKeys.accounts,
    queryFn: ({ signal }) => api('/api/v1/platform/accounts?limit=500', { schema: accountListSchema, signal }),
  });
}

export function useSetAccountActive() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ accountId, active }: { accountId: string; active: boolean }) =>
      api(`/api/v1/platform/accounts/${encodeURIComponent(accountId)}`, {
        method: 'PATCH',
        body: { active },
        schema: accountSchema,
      }),
    meta: { errorTitle: 'Could not change the account' },
    onSettled: async () => {
      await qc.invalidateQueries({ queryKey: platformKeys.accounts });
      // The operator may be a member of the account whose state just changed.
      await reloadProfile().catch(() => {});
    },
  });
}
