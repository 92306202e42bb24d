import { Alert, Badge, Button, Group, Paper, Skeleton, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useSetAccountSecurity } from '../../api/queries/security';
import { useForm } from '@mantine/form';
import { IconInfoCircle } from '@tabler/icons-react';
import { updateAccountBodySchema, type Account } from '@igny8/contracts';
import { useAccount, useRenameAccount } from '../../api/queries/accounts';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { zodValidate } from '../../lib/form';
import { notifySuccess } from '../../lib/notify';
import { useCurrentAccount } from '../account/context';
import { canManageMembers } from '../members/permissions';

export function AccountSettingsPage() {
  const { accountId, membership } = useCurrentAccount();
  const account = useAccount(accountId);
  // Owned here, not by the form: the form remounts when the saved name changes.
  const rename = useRenameAccount(accountId);
  const canEdit = canManageMembers(membership.role);

  return (
    <Stack gap={0}>
      <PageHeader title="Account settings" description="Details of this account." />
      {account.isError ? <QueryError error={account.error} onRetry={() => void account.refetch()} /> : null}
      <Paper withBorder radius="md" p="lg" maw={640}>
        {account.data ? (
          // Keyed by the saved name so a rename elsewhere resets the form to the new value.
          <AccountForm
            key={account.data.name}
            account={account.data}
            canEdit={canEdit}
            saving={rename.isPending}
            onSave={(name) => rename.mutate(name, { onSuccess: () => notifySuccess('Account renamed.') })}
          />
        ) : (
          <Stack>
            <Skeleton h={16} w={120} />
            <Skeleton h={36} />
          </Stack>
        )}
      </Paper>
      {account.data && canEdit ? (
        <SecurityCard accountId={accountId} requireTwoFactor={account.data.requireTwoFactor} />
      ) : null}
    </Stack>
  );
}

/** Requiring two-factor sign-in of every member (and of their API tokens). */
function SecurityCard({ accountId, requireTwoFactor }: { accountId: string; requireTwoFactor: boolean }) {
  const set = useSetAccountSecurity(accountId);
  return (
    <Paper withBorder radius="md" p="lg" maw={640} mt="lg">
      <Switch
        label="Require two-factor sign-in"
        description="Members without it (and their API tokens) cannot use this account until they turn it on. You need it on yourself first."
        checked={set.isPending ? (set.variables ?? requireTwoFactor) : requireTwoFactor}
        disabled={set.isPending}
        data-testid="settings-require-two-factor"
        onChange={(e) =>
          set.mutate(e.currentTarget.checked, { onSuccess: () => notifySuccess('Security setting saved.') })
        }
      />
    </Paper>
  );
}

function AccountForm(props: { account: Account; canEdit: boolean; saving: boolean; onSave: (name: string) => void }) {
  const { account, canEdit } = props;
  const form = useForm<{ name: string }>({
    initialValues: { name: account.name },
    validate: zodValidate<{ name: string }>(updateAccountBodySchema),
  });

  return (
    <form onSubmit={form.onSubmit(({ name }) => props.onSave(name.trim()))} noValidate>
      <Stack gap="md">
        {!canEdit ? (
          <Alert variant="light" color="gray" icon={<IconInfoCircle size={18} />} data-testid="settings-read-only">
            Only admins and owners can change account settings.
          </Alert>
        ) : null}
        <TextInput
          label="Account name"
          description="Shown to every member and in the account switcher"
          readOnly={!canEdit}
          data-testid="settings-name"
          {...form.getInputProps('name')}
        />
        <Group gap="xs">
          <Text size="sm" c="dimmed">
            Status
          </Text>
          <Badge variant="dot" color={account.active ? 'teal' : 'red'}>
            {account.active ? 'Active' : 'Deactivated'}
          </Badge>
          {account.isSystem ? (
            <Badge variant="outline" color="grape">
              System account
            </Badge>
          ) : null}
        </Group>
        {canEdit ? (
          <Group justify="flex-end">
            <Button type="submit" loading={props.saving} disabled={!form.isDirty()} data-testid="settings-save">
              Save
            </Button>
          </Group>
        ) : null}
      </Stack>
    </form>
  );
}
