import { Badge, Button, Paper, Skeleton, Table, Text, Title } from '@mantine/core';
import { useEndSession, useSessions } from '../../api/queries/security';
import { logout } from '../../auth/session';
import { QueryError } from '../../components/QueryError';
import { formatDateTime } from '../../lib/dates';

const when = (iso: string) => formatDateTime(iso);

/** Where the person is signed in; ending one stops it on its next request. */
export function SessionsCard() {
  const sessions = useSessions();
  const end = useEndSession();
  return (
    <Paper withBorder radius="md" p="lg" data-testid="sessions-card">
      <Title order={4}>Sessions</Title>
      <Text size="sm" c="dimmed" mb="md">
        Browsers and devices signed in as you. Last used is the last time it renewed its sign-in.
      </Text>
      {sessions.isError ? <QueryError error={sessions.error} onRetry={() => void sessions.refetch()} /> : null}
      {sessions.isPending ? <Skeleton h={80} /> : null}
      {sessions.data ? (
        <Table verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Device</Table.Th>
              <Table.Th>Address</Table.Th>
              <Table.Th>Signed in</Table.Th>
              <Table.Th>Last used</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sessions.data.items.map((s) => (
              <Table.Tr key={s.id} data-testid="session-row">
                <Table.Td>
                  {s.device}{' '}
                  {s.current ? (
                    <Badge size="xs" variant="light">
                      This one
                    </Badge>
                  ) : null}
                </Table.Td>
                <Table.Td>{s.ip ?? '—'}</Table.Td>
                <Table.Td>{when(s.createdAt)}</Table.Td>
                <Table.Td>{when(s.lastUsedAt)}</Table.Td>
                <Table.Td>
                  <Button
                    size="xs"
                    variant="subtle"
                    color="red"
                    loading={end.isPending && end.variables === s.id}
                    onClick={() => end.mutate(s.id, { onSuccess: () => (s.current ? void logout() : undefined) })}
                  >
                    {s.current ? 'Sign out' : 'End'}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
    </Paper>
  );
}
