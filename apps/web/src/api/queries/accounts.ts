import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { accountSchema, type Account } from '@igny8/contracts';
import { reloadProfile } from '../../auth/session';
import { api } from '../client';

export const accountKeys = {
  one: (accountId: string) => ['accounts', accountId] as const,
};

export function accountPath(accountId: string): string {
  return `/api/v1/accounts/${encodeURIComponent(accountId)}`;
}

export function useAccount(accountId: string) {
  return useQuery({
    queryKey: accountKeys.one(accountId),
    queryFn: ({ signal }) => api(accountPath(accountId), { schema: accountSchema, signal }),
  });
}

export function useRenameAccount(accountId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (name: string) =>
      api(accountPath(accountId), { method: 'PATCH', body: { name }, schema: accountSchema }),
    meta: { errorTitle: 'Could not rename the account' },
    onSuccess: async (account: Account) => {
      qc.setQueryData(accountKeys.one(accountId), account);
      // The account switcher shows names from the memberships.
      await reloadProfile().catch(() => {});
    },
  });
}
