import { useState } from 'react';
import { Button, Group, Paper, SegmentedControl, SimpleGrid, Skeleton, Stack, Text } from '@mantine/core';
import { IconChartBar, IconPlugConnected } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useUsage } from '../../api/queries/usage';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { useCurrentAccount } from '../account/context';
import { formatCost, monthRange, usageTotals } from './pricing';
import { UsageBars, type UsageMetric } from './UsageBars';
import { UsageTable } from './UsageTable';

function Stat({ label, value, testId, hint }: { label: string; value: string; testId: string; hint?: string }) {
  return (
    <Paper withBorder radius="md" p="md">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fz="xl" fw={700} data-testid={testId}>
        {value}
      </Text>
      {hint ? (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      ) : null}
    </Paper>
  );
}

/** `/a/:accountId/usage`: what this account's AI calls used this (or last) month. */
export function UsagePage() {
  const { accountId } = useCurrentAccount();
  const [now] = useState(() => new Date());
  const [offset, setOffset] = useState<'0' | '-1'>('0');
  const [metric, setMetric] = useState<UsageMetric>('calls');
  const range = monthRange(now, Number(offset));
  const usage = useUsage(accountId, { from: range.from, to: range.to });

  const rows = usage.data?.rows ?? [];
  const totals = usageTotals(rows);
  const n = (v: number) => v.toLocaleString('en-US');

  return (
    <Stack gap="lg">
      <PageHeader
        title="Usage"
        description={`AI calls made by this account’s tasks in ${range.label}. Costs come from the platform's price table, at the time of each call.`}
        actions={
          <Group gap="sm">
            <SegmentedControl
              value={offset}
              onChange={(v) => setOffset(v as '0' | '-1')}
              data={[
                { value: '0', label: 'This month' },
                { value: '-1', label: 'Last month' },
              ]}
              data-testid="usage-period"
            />
            <Button
              component={Link}
              to={`/a/${accountId}/integrations`}
              variant="default"
              leftSection={<IconPlugConnected size={16} />}
            >
              AI providers
            </Button>
          </Group>
        }
      />

      {usage.isError ? <QueryError error={usage.error} onRetry={() => void usage.refetch()} /> : null}

      <SimpleGrid cols={{ base: 2, md: 4 }}>
        {usage.isPending ? (
          [0, 1, 2, 3].map((i) => <Skeleton key={i} h={84} radius="md" />)
        ) : (
          <>
            <Stat label="AI calls" value={n(totals.calls)} testId="usage-total-calls" />
            <Stat
              label="Tokens"
              value={n(totals.inputTokens + totals.outputTokens)}
              testId="usage-total-tokens"
              hint={`${n(totals.inputTokens)} in · ${n(totals.outputTokens)} out`}
            />
            <Stat label="Images" value={n(totals.images)} testId="usage-total-images" />
            <Stat
              label="Cost"
              value={totals.costPartial && totals.cost === 0 ? '—' : formatCost(totals.cost)}
              testId="usage-total-cost"
              hint={totals.costPartial ? 'Some models have no price in the table' : 'USD, price table'}
            />
          </>
        )}
      </SimpleGrid>

      {usage.isSuccess && rows.length === 0 ? (
        <Paper withBorder radius="md">
          <EmptyState
            icon={IconChartBar}
            title={`No AI calls in ${range.label}`}
            description="Generating ideas, content, image prompts or images records its usage here."
          />
        </Paper>
      ) : null}

      {rows.length > 0 ? (
        <>
          <Paper withBorder radius="md" p="lg">
            <UsageBars rows={rows} metric={metric} onMetric={setMetric} />
          </Paper>
          <Paper withBorder radius="md">
            <UsageTable rows={rows} />
          </Paper>
        </>
      ) : null}
    </Stack>
  );
}
