import { useState } from 'react';
import { Anchor, Box, Group, Paper, SimpleGrid, Skeleton, Stack, Table, Text } from '@mantine/core';
import { IconArrowRight } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useUsage } from '../../api/queries/usage';
import { QueryError } from '../../components/QueryError';
import { formatCost, monthRange, usageTotals } from '../usage/pricing';
import { chartMetric, metricValue, usageByModel, type ModelUsage, type UsageChartMetric } from './usageByModel';

const n = (v: number) => v.toLocaleString('en-US');
const compact = (v: number) =>
  new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 }).format(v);
const costText = (m: ModelUsage) =>
  m.costUnknown && m.cost === 0 ? '—' : `${m.costUnknown ? '≥ ' : ''}${formatCost(m.cost)}`;

function Figure({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fz="lg" fw={700} data-testid={testId}>
        {value}
      </Text>
    </div>
  );
}

const chartTitle: Record<UsageChartMetric, string> = {
  cost: 'Estimated cost by model',
  tokens: 'Tokens by model',
  images: 'Images by model',
  calls: 'AI calls by model',
};

function ModelBars({ models }: { models: ModelUsage[] }) {
  const metric = chartMetric(models);
  const valueOf = (m: ModelUsage) => metricValue(m, metric);
  const max = Math.max(0, ...models.map(valueOf));
  return (
    <Stack gap={6} data-testid="usage-summary-chart" data-metric={metric}>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        {chartTitle[metric]}
      </Text>
      {models.slice(0, 5).map((m) => (
        <Group key={m.model} gap="sm" wrap="nowrap">
          <Text size="sm" w={120} truncate="end" title={m.model} style={{ flexShrink: 0 }}>
            {m.model}
          </Text>
          <Box style={{ flex: 1 }} h={14} bg="gray.1" pos="relative">
            <Box
              h="100%"
              bg="indigo.5"
              style={{
                width: `${max > 0 ? Math.max(valueOf(m) > 0 ? 2 : 0, (valueOf(m) / max) * 100) : 0}%`,
                borderRadius: 3,
              }}
            />
          </Box>
          <Text size="sm" fw={600} w={64} ta="right">
            {metric === 'cost' ? costText(m) : compact(valueOf(m))}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}

/** This month's AI usage of the account, in short; the usage page has the details. */
export function UsageSummary({ accountId }: { accountId: string }) {
  const [range] = useState(() => monthRange(new Date()));
  const usage = useUsage(accountId, { from: range.from });
  const rows = usage.data?.rows ?? [];
  const totals = usageTotals(rows);
  const models = usageByModel(rows);
  const totalCost =
    totals.costPartial && totals.cost === 0 ? '—' : `${totals.costPartial ? '≥ ' : ''}${formatCost(totals.cost)}`;

  return (
    <Paper withBorder radius="md" p="lg" h="100%" data-testid="usage-summary">
      <Group justify="space-between" mb="md" align="flex-start" wrap="nowrap">
        <div>
          <Text fw={600}>Usage this month</Text>
          <Text size="sm" c="dimmed">
            AI calls in {range.label}; costs are estimates.
          </Text>
        </div>
        <Anchor
          component={Link}
          to={`/a/${accountId}/usage`}
          size="sm"
          data-testid="usage-summary-link"
          style={{ flexShrink: 0, whiteSpace: 'nowrap' }}
        >
          <Group gap={4} wrap="nowrap">
            Usage details <IconArrowRight size={14} />
          </Group>
        </Anchor>
      </Group>
      {usage.isError ? <QueryError error={usage.error} onRetry={() => void usage.refetch()} /> : null}
      {usage.isPending ? (
        <Skeleton h={160} />
      ) : (
        <Stack gap="md">
          <SimpleGrid cols={{ base: 2, xs: 4 }} spacing="sm">
            <Figure label="Tokens in" value={compact(totals.inputTokens)} testId="usage-summary-tokens-in" />
            <Figure label="Tokens out" value={compact(totals.outputTokens)} testId="usage-summary-tokens-out" />
            <Figure label="Images" value={n(totals.images)} testId="usage-summary-images" />
            <Figure label="Est. cost" value={totalCost} testId="usage-summary-cost" />
          </SimpleGrid>
          {models.length === 0 ? (
            <Text size="sm" c="dimmed" data-testid="usage-summary-empty">
              No AI calls yet this month. Generating ideas, content, image prompts or images records usage here.
            </Text>
          ) : (
            <>
              <ModelBars models={models} />
              <Table.ScrollContainer minWidth={380}>
                <Table verticalSpacing={4} fz="sm" data-testid="usage-summary-table">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Model</Table.Th>
                      <Table.Th ta="right">Calls</Table.Th>
                      <Table.Th ta="right">Tokens</Table.Th>
                      <Table.Th ta="right">Images</Table.Th>
                      <Table.Th ta="right">Est. cost</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {models.slice(0, 5).map((m) => (
                      <Table.Tr key={m.model}>
                        <Table.Td>
                          <Text size="sm" truncate="end" maw={140} title={m.model}>
                            {m.model}
                          </Text>
                        </Table.Td>
                        <Table.Td ta="right">{n(m.calls)}</Table.Td>
                        <Table.Td ta="right">{compact(m.tokens)}</Table.Td>
                        <Table.Td ta="right">{n(m.images)}</Table.Td>
                        <Table.Td ta="right">{costText(m)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              {models.length > 5 ? (
                <Text size="xs" c="dimmed">
                  {models.length - 5} more model{models.length - 5 === 1 ? '' : 's'} on the usage page.
                </Text>
              ) : null}
            </>
          )}
        </Stack>
      )}
    </Paper>
  );
}
