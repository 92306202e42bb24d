import { Badge, Group, Paper, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { AccountBilling } from '@igny8/contracts';
import { operationLabels, resourceLabels } from './labels';
import { SpendByDay } from './SpendByDay';

const n = (v: number) => v.toLocaleString();
const date = (iso: string) =>
  new Date(iso).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });

function Balance({ label, value, hint, testId }: { label: string; value: number; hint: string; testId: string }) {
  return (
    <Paper withBorder radius="md" p="md">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fz="xl" fw={700} data-testid={testId}>
        {n(value)}
      </Text>
      <Text size="xs" c="dimmed">
        {hint}
      </Text>
    </Paper>
  );
}

/** Plan, balances by pool, limits with their use, and what this period's credits went to: the account's and the operators' view. */
export function BillingSummary({ billing }: { billing: AccountBilling }) {
  const spent = billing.spentByOperation.reduce((s, o) => s + o.credits, 0);
  return (
    <Stack gap="lg">
      <Paper withBorder radius="md" p="lg">
        <Group justify="space-between" align="flex-start" wrap="wrap">
          <Stack gap={2}>
            <Group gap="xs">
              <Title order={4} data-testid="billing-plan-name">
                {billing.plan.name} plan
              </Title>
              {!billing.metered ? <Badge color="gray">Not metered</Badge> : null}
            </Group>
            <Text size="sm" c="dimmed">
              {n(billing.plan.monthlyCredits)} credits each period · this period {date(billing.periodStart)} –{' '}
              {date(billing.periodEnd)}
            </Text>
          </Stack>
          <Group gap="xs">
            <Badge variant="light" color={billing.plan.features.ownAiKeys ? 'teal' : 'gray'}>
              {billing.plan.features.ownAiKeys ? 'Own AI keys' : 'Platform AI keys only'}
            </Badge>
            <Badge variant="light" color={billing.plan.features.automation ? 'teal' : 'gray'}>
              {billing.plan.features.automation ? 'Automation' : 'No automation'}
            </Badge>
          </Group>
        </Group>
        {!billing.metered ? (
          <Text size="sm" mt="sm">
            The platform’s own account is not metered: its tasks use no credits and its plan sets no limits.
          </Text>
        ) : null}
      </Paper>

      <SimpleGrid cols={{ base: 2, md: 4 }}>
        <Balance
          label="Available"
          value={billing.available}
          hint="What a new task can hold"
          testId="billing-available"
        />
        <Balance
          label="Plan credits"
          value={billing.planCredits}
          hint={`Until ${date(billing.periodEnd)}; used first`}
          testId="billing-plan-credits"
        />
        <Balance
          label="Bonus credits"
          value={billing.bonusCredits}
          hint="Never expire"
          testId="billing-bonus-credits"
        />
        <Balance
          label="Held"
          value={billing.reserved}
          hint="By tasks that are queued or running"
          testId="billing-reserved"
        />
      </SimpleGrid>

      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Paper withBorder radius="md" p="lg">
          <Title order={5} mb="sm">
            Limits
          </Title>
          <Stack gap="md">
            {billing.usage.map((u) => {
              const pct = u.limit > 0 ? Math.min(100, (u.used / u.limit) * 100) : 100;
              return (
                <Stack key={u.resource} gap={4} data-testid={`billing-limit-${u.resource}`}>
                  <Group justify="space-between">
                    <Text size="sm">{resourceLabels[u.resource]}</Text>
                    <Text size="sm" fw={600}>
                      {n(u.used)} of {n(u.limit)}
                    </Text>
                  </Group>
                  <Progress
                    value={pct}
                    color={pct >= 100 ? 'red' : pct >= 80 ? 'orange' : 'indigo'}
                    aria-label={`${resourceLabels[u.resource]} used`}
                  />
                </Stack>
              );
            })}
          </Stack>
        </Paper>
        <Paper withBorder radius="md" p="lg">
          <Title order={5} mb="sm">
            This period: {n(spent)} credits
          </Title>
          {billing.spentByOperation.length === 0 ? (
            <Text size="sm" c="dimmed">
              Nothing charged yet. Tasks on the platform’s AI keys use credits; offline templates and the account’s own
              keys do not.
            </Text>
          ) : (
            <Stack gap="md">
              <Table data-testid="billing-by-operation">
                <Table.Tbody>
                  {billing.spentByOperation.map((o) => (
                    <Table.Tr key={o.operation}>
                      <Table.Td>{operationLabels[o.operation]}</Table.Td>
                      <Table.Td ta="right" fw={600}>
                        {n(o.credits)}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              <SpendByDay days={billing.spentByDay} from={billing.periodStart} to={billing.periodEnd} />
            </Stack>
          )}
        </Paper>
      </SimpleGrid>
    </Stack>
  );
}
