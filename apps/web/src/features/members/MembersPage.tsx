import { useState } from 'react';
import { Alert, Button, Paper, Stack, Table, Text } from '@mantine/core';
import { IconInfoCircle, IconUserPlus, IconUsers } from '@tabler/icons-react';
import type { Member, Role } from '@igny8/contracts';
import { useMembers, useRemoveMember, useUpdateMember } from '../../api/queries/members';
import { useAuth } from '../../auth/store';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { LoadingRows } from '../../components/table/LoadingRows';
import { notifySuccess } from '../../lib/notify';
import { useCurrentAccount } from '../account/context';
import { InviteMemberModal } from './InviteMemberModal';
import { MemberRow } from './MemberRow';
import { assignableRoles, canManageMembers, memberControls } from './permissions';
import { roleLabel } from './roleLabels';

type PendingAction = { kind: 'deactivate' | 'remove'; member: Member } | null;

export function MembersPage() {
  const { accountId, membership } = useCurrentAccount();
  const myUserId = useAuth((s) => s.user?.id ?? '');
  const me = { userId: myUserId, role: membership.role };
  const manager = canManageMembers(me.role);

  const members = useMembers(accountId);
  const update = useUpdateMember(accountId);
  const remove = useRemoveMember(accountId);
  const [inviteOpen, setInviteOpen] = useState(false);
  const [pending, setPending] = useState<PendingAction>(null);

  const busyUser = update.isPending ? update.variables?.userId : remove.isPending ? remove.variables : undefined;

  const changeRole = (m: Member, role: Role) =>
    update.mutate(
      { userId: m.userId, role },
      { onSuccess: (u) => notifySuccess(`${u.email} is now ${roleLabel[u.role].toLowerCase()}.`) },
    );

  const toggleActive = (m: Member) => {
    if (m.active) {
      setPending({ kind: 'deactivate', member: m });
      return;
    }
    update.mutate(
      { userId: m.userId, active: true },
      { onSuccess: (u) => notifySuccess(`${u.email} was reactivated.`) },
    );
  };

  const confirm = () => {
    if (!pending) return;
    const { member: m } = pending;
    const done = { onSettled: () => setPending(null) };
    if (pending.kind === 'deactivate') {
      update.mutate(
        { userId: m.userId, active: false },
        { ...done, onSuccess: () => notifySuccess(`${m.email} was deactivated.`) },
      );
    } else {
      const what = m.invited ? `The invitation for ${m.email} was withdrawn.` : `${m.email} was removed.`;
      remove.mutate(m.userId, { ...done, onSuccess: () => notifySuccess(what) });
    }
  };

  const items = members.data?.items ?? [];
  const total = members.data?.total ?? 0;

  return (
    <Stack gap={0}>
      <PageHeader
        title="Members"
        description={
          members.data
            ? `${total} ${total === 1 ? 'person has' : 'people have'} access to ${membership.accountName}.`
            : `People with access to ${membership.accountName}.`
        }
        actions={
          manager ? (
            <Button
              leftSection={<IconUserPlus size={16} />}
              onClick={() => setInviteOpen(true)}
              data-testid="invite-open"
            >
              Invite member
            </Button>
          ) : null
        }
      />

      {!manager ? (
        <Alert variant="light" color="gray" icon={<IconInfoCircle size={18} />} mb="md" data-testid="members-read-only">
          You can see who has access. Only admins and owners can invite or change members.
        </Alert>
      ) : null}

      {members.isError ? <QueryError error={members.error} onRetry={() => void members.refetch()} /> : null}

      {!members.isError ? (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover data-testid="members-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Member</Table.Th>
                  <Table.Th w={150}>Role</Table.Th>
                  <Table.Th w={170}>Status</Table.Th>
                  <Table.Th w={130} visibleFrom="md">
                    Added
                  </Table.Th>
                  {manager ? <Table.Th w={200} /> : null}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {members.isPending ? (
                  <LoadingRows colSpan={manager ? 5 : 4} rows={3} />
                ) : (
                  items.map((m) => (
                    <MemberRow
                      key={m.userId}
                      member={m}
                      isMe={m.userId === myUserId}
                      controls={memberControls(me, m)}
                      busy={busyUser === m.userId}
                      showActions={manager}
                      onRoleChange={(role) => changeRole(m, role)}
                      onToggleActive={() => toggleActive(m)}
                      onRemove={() => setPending({ kind: 'remove', member: m })}
                    />
                  ))
                )}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {members.isSuccess && items.length === 0 ? (
            <EmptyState
              icon={IconUsers}
              title="No members yet"
              description="Invite your team to start working together."
            />
          ) : null}
        </Paper>
      ) : null}

      {total > items.length ? (
        <Text size="xs" c="dimmed" mt="xs">
          Showing {items.length} of {total}.
        </Text>
      ) : null}

      {manager ? (
        <InviteMemberModal
          accountId={accountId}
          roles={assignableRoles(me.role)}
          opened={inviteOpen}
          onClose={() => setInviteOpen(false)}
        />
      ) : null}

      <ConfirmDialog
        opened={pending !== null}
        title={
          pending?.kind === 'remove'
            ? pending.member.invited
              ? 'Withdraw invitation'
              : 'Remove member'
            : 'Deactivate member'
        }
        message={
          pending?.kind === 'remove' && pending.member.invited ? (
            <>
              Withdraw the invitation for <b>{pending.member.email}</b>? Its link stops working; you can invite them
              again later.
            </>
          ) : pending?.kind === 'remove' ? (
            <>
              Remove <b>{pending.member.email}</b> from {membership.accountName}? They lose access right away; you can
              invite them again later.
            </>
          ) : (
            <>
              Deactivate <b>{pending?.member.email}</b>? They keep their membership but cannot use
              {` ${membership.accountName}`} until reactivated.
            </>
          )
        }
        confirmLabel={pending?.kind === 'remove' ? (pending.member.invited ? 'Withdraw' : 'Remove') : 'Deactivate'}
        danger
        loading={update.isPending || remove.isPending}
        onConfirm={confirm}
        onClose={() => setPending(null)}
      />
    </Stack>
  );
}
