import { useState } from 'react';
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  CopyButton,
  Group,
  Modal,
  NativeSelect,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { IconCheck, IconCopy, IconKey } from '@tabler/icons-react';
import { roleAtLeast, roles, type ApiToken, type CreatedApiToken, type Role } from '@igny8/contracts';
import { useApiTokens, useCreateApiToken, useRevokeApiToken } from '../../api/queries/security';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { useCurrentAccount } from '../account/context';
import { FormError } from '../auth/FormError';
import { roleColor, roleLabel } from '../members/roleLabels';
import { formatDateTime } from '../../lib/dates';

const when = (iso: string | null) => formatDateTime(iso);

/** API tokens of the account: each member's own (admins see everyone's); a new token is shown once. */
export function ApiTokensPage() {
  const { accountId, membership } = useCurrentAccount();
  const tokens = useApiTokens(accountId);
  const revoke = useRevokeApiToken(accountId);
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  return (
    <Stack gap={0}>
      <PageHeader
        title="API tokens"
        description={
          <>
            For scripts and integrations: send <code>Authorization: Bearer igny8_pat_…</code> to this account’s API. A
            token acts for you with at most your role.
          </>
        }
        actions={
          <Button leftSection={<IconKey size={16} />} onClick={() => setCreating(true)} data-testid="token-create">
            New token
          </Button>
        }
      />
      {tokens.isError ? <QueryError error={tokens.error} onRetry={() => void tokens.refetch()} /> : null}
      <Paper withBorder radius="md">
        <Table verticalSpacing="xs" data-testid="token-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Role</Table.Th>
              <Table.Th>Created by</Table.Th>
              <Table.Th>Expires</Table.Th>
              <Table.Th>Last used</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {tokens.data?.items.map((t) => (
              <Table.Tr key={t.id} data-testid="token-row" opacity={t.revokedAt ? 0.55 : 1}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {t.name}
                  </Text>
                  <Text size="xs" c="dimmed" ff="monospace">
                    {t.prefix}…
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Badge color={roleColor[t.role]} variant="light">
                    {roleLabel[t.role]}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{t.createdBy.name}</Text>
                </Table.Td>
                <Table.Td>{when(t.expiresAt)}</Table.Td>
                <Table.Td>{when(t.lastUsedAt)}</Table.Td>
                <Table.Td>
                  {t.revokedAt ? (
                    <Badge color="gray" variant="outline">
                      Revoked
                    </Badge>
                  ) : roleAtLeast(membership.role, t.role) ? (
                    <Button size="xs" variant="subtle" color="red" onClick={() => setRevoking(t)}>
                      Revoke
                    </Button>
                  ) : null}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {tokens.data && tokens.data.items.length === 0 ? (
          <EmptyState icon={IconKey} title="No tokens yet" description="Create one for a script or an integration." />
        ) : null}
      </Paper>
      <CreateTokenModal
        opened={creating}
        onClose={() => setCreating(false)}
        accountId={accountId}
        myRole={membership.role}
      />
      <ConfirmDialog
        opened={revoking !== null}
        title="Revoke this token?"
        message={`Requests with “${revoking?.name ?? ''}” stop working at once.`}
        confirmLabel="Revoke"
        danger
        loading={revoke.isPending}
        onClose={() => setRevoking(null)}
        onConfirm={() => revoking && revoke.mutate(revoking.id, { onSettled: () => setRevoking(null) })}
      />
    </Stack>
  );
}

function CreateTokenModal(props: { opened: boolean; onClose: () => void; accountId: string; myRole: Role }) {
  const create = useCreateApiToken(props.accountId);
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [days, setDays] = useState('90');
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const close = () => {
    setCreated(null);
    setName('');
    create.reset();
    props.onClose();
  };
  const allowed = roles.filter((r) => roleAtLeast(props.myRole, r));
  return (
    <Modal opened={props.opened} onClose={close} title={created ? 'Token created' : 'New API token'} centered>
      {created ? (
        <Stack gap="md">
          <Alert color="yellow" variant="light">
            Copy it now: it is shown only once and stored only as a hash.
          </Alert>
          <TextInput
            readOnly
            value={created.secret}
            data-testid="token-secret"
            onFocus={(e) => e.currentTarget.select()}
            rightSection={
              <CopyButton value={created.secret}>
                {({ copied, copy }) => (
                  <Tooltip label={copied ? 'Copied' : 'Copy'} withArrow>
                    <ActionIcon variant="subtle" onClick={copy} aria-label="Copy token">
                      {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                    </ActionIcon>
                  </Tooltip>
                )}
              </CopyButton>
            }
          />
          <Group justify="flex-end">
            <Button onClick={close}>Done</Button>
          </Group>
        </Stack>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            const expiresAt = days === 'never' ? null : new Date(Date.now() + Number(days) * 86_400_000).toISOString();
            create.mutate({ name: name.trim(), role, expiresAt }, { onSuccess: setCreated });
          }}
        >
          <Stack gap="md">
            <FormError error={create.error} />
            <TextInput
              label="Name"
              description="What it is for, e.g. “Nightly export”"
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              data-testid="token-name"
            />
            <NativeSelect
              label="Role"
              description="At most your own role"
              data={allowed.map((r) => ({ value: r, label: roleLabel[r] }))}
              value={role}
              onChange={(e) => setRole(e.currentTarget.value as Role)}
              data-testid="token-role"
            />
            <NativeSelect
              label="Expires"
              data={[
                { value: '7', label: 'in 7 days' },
                { value: '30', label: 'in 30 days' },
                { value: '90', label: 'in 90 days' },
                { value: '365', label: 'in a year' },
                { value: 'never', label: 'never' },
              ]}
              value={days}
              onChange={(e) => setDays(e.currentTarget.value)}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" loading={create.isPending} disabled={!name.trim()} data-testid="token-submit">
                Create
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
