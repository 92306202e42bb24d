import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  addMemberResponseSchema,
  listOf,
  memberSchema,
  type AddMemberBody,
  type UpdateMemberBody,
} from '@igny8/contracts';
import { authStore } from '../../auth/store';
import { reloadProfile } from '../../auth/session';
import { api } from '../client';
import { accountPath } from './accounts';

const memberListSchema = listOf(memberSchema);

export const memberKeys = {
  list: (accountId: string) => ['accounts', accountId, 'members'] as const,
};

function membersPath(accountId: string, userId?: string): string {
  const base = `${accountPath(accountId)}/members`;
  return userId ? `${base}/${encodeURIComponent(userId)}` : base;
}

export function useMembers(accountId: string) {
  return useQuery({
    queryKey: memberKeys.list(accountId),
    queryFn: ({ signal }) => api(`${membersPath(accountId)}?limit=500`, { schema: memberListSchema, signal }),
  });
}

function useAfterMemberChange(accountId: string) {
  const qc = useQueryClient();
  return async (userId?: string) => {
    await qc.invalidateQueries({ queryKey: memberKeys.list(accountId) });
    // Changing yourself changes what the UI lets you do.
    if (userId && userId === authStore.getState().user?.id) await reloadProfile().catch(() => {});
  };
}

export function useInviteMember(accountId: string) {
  const after = useAfterMemberChange(accountId);
  return useMutation({
    mutationFn: (body: AddMemberBody) =>
      api(membersPath(accountId), { method: 'POST', body, schema: addMemberResponseSchema }),
    meta: { errorTitle: 'Could not invite' },
    onSuccess: () => after(),
  });
}

export function useUpdateMember(accountId: string) {
  const after = useAfterMemberChange(accountId);
  return useMutation({
    mutationFn: ({ userId, ...body }: UpdateMemberBody & { userId: string }) =>
      api(membersPath(accountId, userId), { method: 'PATCH', body, schema: memberSchema }),
    meta: { errorTitle: 'Could not update the member' },
    onSettled: (_data, _err, vars) => after(vars.userId),
  });
}

export function useRemoveMember(accountId: string) {
  const after = useAfterMemberChange(accountId);
  return useMutation({
    mutationFn: (userId: string) => api<void>(membersPath(accountId, userId), { method: 'DELETE' }),
    meta: { errorTitle: 'Could not remove the member' },
    onSuccess: (_data, userId) => after(userId),
  });
}
