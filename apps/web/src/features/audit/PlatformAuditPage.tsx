import { useState } from 'react';
import { Badge, Paper, SegmentedControl, Stack, Switch, Table, Text, TextInput, Title } from '@mantine/core';
import { usePlatformUsers, useUpdatePlatformUser } from '../../api/queries/security';
import { useAuth } from '../../auth/store';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { TablePager } from '../../components/table/TablePager';
import { notifySuccess } from '../../lib/notify';
import { AuditTable } from './AuditTable';

const PAGE = 25;

/** Operators: every user (activation and the developer flag, both audited) and the platform-wide audit log. */
export function PlatformAuditPage() {
  const [scope, setScope] = useState<'all' | 'platform'>('all');
  return (
    <Stack gap="lg">
      <PageHeader title="Users and audit" description="People on this platform, and what happened across it." />
      <UsersCard />
      <Stack gap="xs">
        <Title order={4}>Audit log</Title>
        <SegmentedControl
          w={320}
          value={scope}
          onChange={(v) => setScope(v as 'all' | 'platform')}
          data={[
            { value: 'all', label: 'Every account' },
            { value: 'platform', label: 'Platform and sign-ins' },
          ]}
        />
        <AuditTable key={scope} base="/api/v1/platform/audit" extra={{ scope }} showAccount />
      </Stack>
    </Stack>
  );
}

function UsersCard() {
  const me = useAuth((s) => s.user);
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const users = usePlatformUsers(q.trim(), { limit: PAGE, offset: (page - 1) * PAGE });
  const update = useUpdatePlatformUser();
  return (
    <Paper withBorder radius="md" data-testid="platform-users">
      <Stack p="md" gap="xs">
        <Title order={4}>Users</Title>
        <Text size="sm" c="dimmed">
          Developers are platform operators. Granting or removing the flag, and (de)activating a user, are recorded in
          the audit log.
        </Text>
        <TextInput
          placeholder="Search email or name"
          value={q}
          onChange={(e) => (setQ(e.currentTarget.value), setPage(1))}
          maw={320}
          data-testid="platform-users-search"
        />
      </Stack>
      {users.isError ? <QueryError error={users.error} onRetry={() => void users.refetch()} /> : null}
      <Table verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>User</Table.Th>
            <Table.Th>Security</Table.Th>
            <Table.Th>Developer</Table.Th>
            <Table.Th>Active</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {users.data?.items.map((u) => (
            <Table.Tr key={u.id} data-testid={`platform-user-${u.email}`}>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {u.name}
                </Text>
                <Text size="xs" c="dimmed">
                  {u.email}
                </Text>
              </Table.Td>
              <Table.Td>
                {u.twoFactorEnabled ? (
                  <Badge size="xs" color="teal" variant="light">
                    2FA
                  </Badge>
                ) : null}{' '}
                {!u.emailVerified ? (
                  <Badge size="xs" color="orange" variant="light">
                    unverified
                  </Badge>
                ) : null}
              </Table.Td>
              <Table.Td>
                <Switch
                  checked={u.isDeveloper}
                  disabled={u.id === me?.id || update.isPending}
                  aria-label={`Developer flag of ${u.email}`}
                  data-testid="platform-user-developer"
                  onChange={(e) => {
                    const isDeveloper = e.currentTarget.checked;
                    update.mutate(
                      { userId: u.id, isDeveloper },
                      {
                        onSuccess: () =>
                          notifySuccess(`${u.email} is ${isDeveloper ? 'now' : 'no longer'} a developer.`),
                      },
                    );
                  }}
                />
              </Table.Td>
              <Table.Td>
                <Switch
                  checked={u.active}
                  disabled={u.id === me?.id || update.isPending}
                  aria-label={`${u.email} active`}
                  onChange={(e) => update.mutate({ userId: u.id, active: e.currentTarget.checked })}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {users.data ? (
        <TablePager total={users.data.total} page={page} pageSize={PAGE} onPage={setPage} noun="users" />
      ) : null}
    </Paper>
  );
}
