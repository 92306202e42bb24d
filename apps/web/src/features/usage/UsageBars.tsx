import { Box, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { modelLabel, rowCost, formatCost, type UsageRow } from './pricing';

export type UsageMetric = 'calls' | 'tokens' | 'images' | 'cost';

const metricLabels: Record<UsageMetric, string> = {
  calls: 'Calls',
  tokens: 'Tokens',
  images: 'Images',
  cost: 'Est. cost',
};

function valueOf(row: UsageRow, metric: UsageMetric): number {
  if (metric === 'calls') return row.calls;
  if (metric === 'tokens') return row.inputTokens + row.outputTokens;
  if (metric === 'images') return row.images;
  return rowCost(row) ?? 0;
}

function display(value: number, metric: UsageMetric): string {
  return metric === 'cost' ? formatCost(value) : value.toLocaleString('en-US');
}

/** Bars per model for the chosen measure (one bar per model, summed over sources). */
export function UsageBars(props: { rows: UsageRow[]; metric: UsageMetric; onMetric: (m: UsageMetric) => void }) {
  const byModel = new Map<string, { label: string; capability: string; value: number }>();
  for (const r of props.rows) {
    const key = `${r.capability}:${modelLabel(r)}`;
    const entry = byModel.get(key) ?? { label: modelLabel(r), capability: r.capability, value: 0 };
    entry.value += valueOf(r, props.metric);
    byModel.set(key, entry);
  }
  const bars = [...byModel.values()].sort((a, b) => b.value - a.value);
  const max = Math.max(...bars.map((b) => b.value), 0);

  return (
    <Stack gap="sm" data-testid="usage-chart">
      <Group justify="space-between" wrap="wrap">
        <Text fw={600}>By model</Text>
        <SegmentedControl
          size="xs"
          value={props.metric}
          onChange={(v) => props.onMetric(v as UsageMetric)}
          data={Object.entries(metricLabels).map(([value, label]) => ({ value, label }))}
          data-testid="usage-metric"
        />
      </Group>
      {bars.map((b) => (
        <Group key={`${b.capability}:${b.label}`} gap="sm" wrap="nowrap">
          <Box w={180} style={{ flexShrink: 0 }}>
            <Text size="sm" truncate="end" title={b.label}>
              {b.label}
            </Text>
            <Text size="xs" c="dimmed" tt="capitalize">
              {b.capability}
            </Text>
          </Box>
          <Box style={{ flex: 1 }} h={22} bg="gray.1" pos="relative">
            <Box
              h="100%"
              bg={b.capability === 'image' ? 'grape.5' : b.capability === 'embeddings' ? 'teal.5' : 'indigo.5'}
              style={{
                width: `${max > 0 ? Math.max(b.value > 0 ? 1 : 0, (b.value / max) * 100) : 0}%`,
                borderRadius: 4,
                transition: 'width 200ms ease',
              }}
            />
          </Box>
          <Text size="sm" fw={600} w={90} ta="right">
            {display(b.value, props.metric)}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}
