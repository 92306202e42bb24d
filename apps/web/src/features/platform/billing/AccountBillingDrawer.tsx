import { useState } from 'react';
import {
  Button,
  Divider,
  Drawer,
  Group,
  NativeSelect,
  NumberInput,
  Skeleton,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useAccountCredits, usePlans, usePlatformAccountBilling } from '../../../api/queries/billing';
import { QueryError } from '../../../components/QueryError';
import { notifySuccess } from '../../../lib/notify';
import { BillingSummary } from '../../billing/BillingSummary';

/** An operator's view of one account's credits: grant or take back bonus credits with a reason, change its plan. */
export function AccountBillingDrawer({
  account,
  onClose,
}: {
  account: { id: string; name: string } | null;
  onClose: () => void;
}) {
  return (
    <Drawer
      opened={account !== null}
      onClose={onClose}
      position="right"
      size="xl"
      title={account ? `Billing of ${account.name}` : ''}
    >
      {account ? <AccountBilling key={account.id} accountId={account.id} /> : null}
    </Drawer>
  );
}

function AccountBilling({ accountId }: { accountId: string }) {
  const billing = usePlatformAccountBilling(accountId);
  const plans = usePlans();
  const { grant, changePlan } = useAccountCredits(accountId);
  const [amount, setAmount] = useState<number | string>(100);
  const [reason, setReason] = useState('');
  const [planId, setPlanId] = useState<string>('');
  const [planReason, setPlanReason] = useState('');

  if (billing.isError) return <QueryError error={billing.error} onRetry={() => void billing.refetch()} />;
  if (!billing.data) return <Skeleton h={320} />;
  const b = billing.data;
  const validAmount = typeof amount === 'number' && Number.isInteger(amount) && amount !== 0;
  const activePlans = (plans.data?.items ?? []).filter((p) => !p.archived);

  return (
    <Stack gap="lg">
      <BillingSummary billing={b} />
      {b.metered ? (
        <>
          <Divider />
          <Stack gap="sm">
            <Title order={5}>Bonus credits</Title>
            <Text size="sm" c="dimmed">
              Bonus credits never expire and are used after the plan’s. A negative amount takes bonus credits back
              (never more than there are).
            </Text>
            <Group align="flex-end" wrap="wrap">
              <NumberInput
                label="Credits"
                value={amount}
                onChange={setAmount}
                allowDecimal={false}
                w={140}
                data-testid="grant-amount"
              />
              <TextInput
                label="Reason"
                placeholder="e.g. Goodwill after an outage"
                value={reason}
                onChange={(e) => setReason(e.currentTarget.value)}
                style={{ flex: 1, minWidth: 220 }}
                data-testid="grant-reason"
              />
              <Button
                disabled={!validAmount || reason.trim().length < 3}
                loading={grant.isPending}
                data-testid="grant-submit"
                onClick={() =>
                  grant.mutate(
                    { amount: amount as number, reason: reason.trim() },
                    {
                      onSuccess: () => {
                        notifySuccess(
                          `${(amount as number) > 0 ? 'Granted' : 'Took back'} ${Math.abs(amount as number)} credits.`,
                        );
                        setReason('');
                      },
                    },
                  )
                }
              >
                {typeof amount === 'number' && amount < 0 ? 'Take back' : 'Grant'}
              </Button>
            </Group>
          </Stack>
          <Divider />
          <Stack gap="sm">
            <Title order={5}>Plan</Title>
            <Text size="sm" c="dimmed">
              A new plan starts a new period now, with the plan’s monthly credits.
            </Text>
            <Group align="flex-end" wrap="wrap">
              <NativeSelect
                label="Plan"
                value={planId || b.plan.id}
                onChange={(e) => setPlanId(e.currentTarget.value)}
                data={activePlans.map((p) => ({
                  value: p.id,
                  label: `${p.name} · ${p.monthlyCredits.toLocaleString()} credits`,
                }))}
                data-testid="plan-select"
              />
              <TextInput
                label="Reason (optional)"
                value={planReason}
                onChange={(e) => setPlanReason(e.currentTarget.value)}
                style={{ flex: 1, minWidth: 200 }}
              />
              <Button
                variant="default"
                disabled={!planId || planId === b.plan.id}
                loading={changePlan.isPending}
                data-testid="plan-submit"
                onClick={() =>
                  changePlan.mutate(
                    { planId, ...(planReason.trim() ? { reason: planReason.trim() } : {}) },
                    { onSuccess: () => notifySuccess('Plan changed.') },
                  )
                }
              >
                Change plan
              </Button>
            </Group>
          </Stack>
        </>
      ) : null}
    </Stack>
  );
}
