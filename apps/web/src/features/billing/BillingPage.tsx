import { Skeleton, Stack, Text } from '@mantine/core';
import { roleAtLeast } from '@igny8/contracts';
import { useBilling } from '../../api/queries/billing';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { useCurrentAccount } from '../account/context';
import { BillingSummary } from './BillingSummary';
import { LedgerTable } from './LedgerTable';

/** `/a/:accountId/billing`: plan, credits and limits for every member; the ledger for admins. */
export function BillingPage() {
  const { accountId, membership } = useCurrentAccount();
  const billing = useBilling(accountId);
  const admin = roleAtLeast(membership.role, 'admin');
  return (
    <Stack gap="lg">
      <PageHeader
        title="Billing"
        description="Tasks on the platform’s AI keys use credits: each item is charged once, when it is saved. A task holds its estimate while it runs and gives back what it did not use."
      />
      {billing.isError ? <QueryError error={billing.error} onRetry={() => void billing.refetch()} /> : null}
      {billing.isPending ? <Skeleton h={320} radius="md" /> : null}
      {billing.data ? <BillingSummary billing={billing.data} /> : null}
      {billing.data ? (
        <Text size="sm" c="dimmed" data-testid="billing-upgrade">
          {billing.data.upgrade.message}
        </Text>
      ) : null}
      {admin ? <LedgerTable accountId={accountId} /> : null}
    </Stack>
  );
}
