import { Badge, Table, Text } from '@mantine/core';
import { providerLabel, sourceMeta } from '../integrations/labels';
import { modelLabel, rowCost, formatCost, usageTotals, type UsageRow } from './pricing';

const n = (v: number) => v.toLocaleString('en-US');

/** One row per capability, provider, model and key source, with totals and cost. */
export function UsageTable({ rows }: { rows: UsageRow[] }) {
  const totals = usageTotals(rows);
  return (
    <Table.ScrollContainer minWidth={820}>
      <Table verticalSpacing="sm" horizontalSpacing="md" data-testid="usage-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Model</Table.Th>
            <Table.Th>Key</Table.Th>
            <Table.Th ta="right">Calls</Table.Th>
            <Table.Th ta="right">Input tokens</Table.Th>
            <Table.Th ta="right">Output tokens</Table.Th>
            <Table.Th ta="right">Images</Table.Th>
            <Table.Th ta="right">Cost</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r, i) => {
            const source = sourceMeta[r.source];
            return (
              <Table.Tr key={`${r.capability}-${r.provider}-${r.model}-${r.source}`} data-testid={`usage-row-${i}`}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {modelLabel(r)}
                  </Text>
                  <Text size="xs" c="dimmed">
                    <span style={{ textTransform: 'capitalize' }}>{r.capability}</span> · {providerLabel(r.provider)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" color={source.color} size="sm">
                    {source.label}
                  </Badge>
                </Table.Td>
                <Table.Td ta="right">{n(r.calls)}</Table.Td>
                <Table.Td ta="right">{n(r.inputTokens)}</Table.Td>
                <Table.Td ta="right">{n(r.outputTokens)}</Table.Td>
                <Table.Td ta="right">{n(r.images)}</Table.Td>
                <Table.Td ta="right" data-testid={`usage-cost-${i}`}>
                  {formatCost(rowCost(r))}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr style={{ fontWeight: 600 }}>
            <Table.Td colSpan={2}>Total</Table.Td>
            <Table.Td ta="right">{n(totals.calls)}</Table.Td>
            <Table.Td ta="right">{n(totals.inputTokens)}</Table.Td>
            <Table.Td ta="right">{n(totals.outputTokens)}</Table.Td>
            <Table.Td ta="right">{n(totals.images)}</Table.Td>
            <Table.Td ta="right" data-testid="usage-cost-total">
              {totals.costPartial && totals.cost > 0 ? '≥ ' : ''}
              {totals.costPartial && totals.cost === 0 ? '—' : formatCost(totals.cost)}
            </Table.Td>
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </Table.ScrollContainer>
  );
}
