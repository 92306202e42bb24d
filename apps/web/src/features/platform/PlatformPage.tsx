import { useState } from 'react';
import { Badge, Button, Paper, Skeleton, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { IconBuildingCommunity } from '@tabler/icons-react';
import type { Account, PlatformSettings } from '@igny8/contracts';
import {
  usePlatformAccounts,
  usePlatformSettings,
  useSetAccountActive,
  useUpdatePlatformSettings,
} from '../../api/queries/platform';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { notifySuccess } from '../../lib/notify';
import { IntegrationsPanel } from '../integrations/IntegrationsPanel';
import { AccountBillingDrawer } from './billing/AccountBillingDrawer';
import { formatDate } from '../../lib/dates';

const toggles: { key: keyof PlatformSettings; label: string; description: string; testId: string }[] = [
  {
    key: 'signupEnabled',
    label: 'Open sign-up',
    description: 'Anyone can create an account from the sign-in page. Off: accounts grow by invitation only.',
    testId: 'platform-signup-enabled',
  },
  {
    key: 'allowAccountKeys',
    label: 'Accounts may use their own AI keys',
    description: 'Owners and admins can set provider keys for their account instead of the platform’s.',
    testId: 'platform-allow-account-keys',
  },
  {
    key: 'emailVerification',
    label: 'Verify emails on sign-up',
    description:
      'New accounts confirm their email through a link before they can sign in. Needs SMTP to be configured.',
    testId: 'platform-email-verification',
  },
];

function SettingsCard() {
  const settings = usePlatformSettings();
  const update = useUpdatePlatformSettings();

  return (
    <Paper withBorder radius="md" p="lg">
      <Title order={4} mb="md">
        Settings
      </Title>
      {settings.isError ? <QueryError error={settings.error} onRetry={() => void settings.refetch()} /> : null}
      <Stack gap="lg">
        {toggles.map((t) =>
          settings.data ? (
            <Switch
              key={t.key}
              label={t.label}
              description={t.description}
              checked={{ ...settings.data, ...(update.isPending ? update.variables : {}) }[t.key]}
              disabled={update.isPending}
              data-testid={t.testId}
              onChange={(e) => {
                const next = { ...settings.data, [t.key]: e.currentTarget.checked };
                update.mutate(next, { onSuccess: () => notifySuccess('Platform settings saved.') });
              }}
            />
          ) : settings.isPending ? (
            <Skeleton key={t.key} h={40} />
          ) : null,
        )}
      </Stack>
    </Paper>
  );
}

function AccountsCard() {
  const accounts = usePlatformAccounts();
  const setActive = useSetAccountActive();
  const [confirming, setConfirming] = useState<Account | null>(null);
  const [billingOf, setBillingOf] = useState<Account | null>(null);

  const apply = (account: Account, active: boolean) =>
    setActive.mutate(
      { accountId: account.id, active },
      {
        onSuccess: () => notifySuccess(`${account.name} was ${active ? 'activated' : 'deactivated'}.`),
        onSettled: () => setConfirming(null),
      },
    );

  const items = accounts.data?.items ?? [];
  return (
    <Paper withBorder radius="md">
      <Stack gap={0} p="lg" pb="sm">
        <Title order={4}>Accounts</Title>
        <Text size="sm" c="dimmed">
          {accounts.data
            ? `${accounts.data.total} ${accounts.data.total === 1 ? 'account' : 'accounts'} on this installation.`
            : 'Every account on this installation.'}
        </Text>
      </Stack>
      {accounts.isError ? <QueryError error={accounts.error} onRetry={() => void accounts.refetch()} /> : null}
      <Table.ScrollContainer minWidth={560}>
        <Table verticalSpacing="sm" horizontalSpacing="lg" highlightOnHover data-testid="platform-accounts-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th w={170}>Status</Table.Th>
              <Table.Th w={140}>Created</Table.Th>
              <Table.Th w={220} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {accounts.isPending
              ? Array.from({ length: 3 }, (_, i) => (
                  <Table.Tr key={i}>
                    <Table.Td colSpan={4}>
                      <Skeleton h={24} />
                    </Table.Td>
                  </Table.Tr>
                ))
              : items.map((a) => (
                  <Table.Tr key={a.id} data-testid={`platform-account-${a.id}`}>
                    <Table.Td>
                      <Text size="sm" fw={500} span>
                        {a.name}
                      </Text>
                      {a.isSystem ? (
                        <Badge size="xs" variant="outline" color="grape" ml="xs">
                          system
                        </Badge>
                      ) : null}
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="dot" color={a.active ? 'teal' : 'red'}>
                        {a.active ? 'Active' : 'Deactivated'}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" c="dimmed">
                        {formatDate(a.createdAt)}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right">
                      <Button
                        size="xs"
                        variant="subtle"
                        mr="xs"
                        onClick={() => setBillingOf(a)}
                        data-testid={`platform-account-billing-${a.id}`}
                      >
                        Billing
                      </Button>
                      {a.isSystem ? null : (
                        <Button
                          size="xs"
                          variant={a.active ? 'default' : 'light'}
                          color={a.active ? undefined : 'teal'}
                          loading={setActive.isPending && setActive.variables.accountId === a.id}
                          onClick={() => (a.active ? setConfirming(a) : apply(a, true))}
                          data-testid={`platform-account-toggle-${a.id}`}
                        >
                          {a.active ? 'Deactivate' : 'Activate'}
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {accounts.isSuccess && items.length === 0 ? (
        <EmptyState icon={IconBuildingCommunity} title="No accounts" />
      ) : null}
      <AccountBillingDrawer account={billingOf} onClose={() => setBillingOf(null)} />
      <ConfirmDialog
        opened={confirming !== null}
        title="Deactivate account"
        message={
          <>
            Deactivate <b>{confirming?.name}</b>? None of its members can use it until it is activated again. Nothing is
            deleted.
          </>
        }
        confirmLabel="Deactivate"
        danger
        loading={setActive.isPending}
        onConfirm={() => confirming && apply(confirming, false)}
        onClose={() => setConfirming(null)}
      />
    </Paper>
  );
}

export function PlatformPage() {
  return (
    <Stack gap="lg">
      <PageHeader
        title="Platform settings"
        description="Installation-wide settings, visible to platform operators only."
      />
      <SettingsCard />
      <Stack gap="xs" data-testid="platform-integrations">
        <Title order={4}>Platform AI providers</Title>
        <Text size="sm" c="dimmed">
          The system account’s settings: every account without its own key uses them (“Using platform key”).
        </Text>
        <IntegrationsPanel target={{ scope: 'platform' }} />
      </Stack>
      <AccountsCard />
    </Stack>
  );
}
