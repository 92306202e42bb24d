import { Badge, Button, Group, Table, Text } from '@mantine/core';
import { automationStageLabels, type AutomationRunSummary } from '@igny8/contracts';
import { formatDateTime, runStatusMeta } from './labels';

/** The site's last runs, newest first; a row opens the run. */
export function RunHistory(props: {
  runs: AutomationRunSummary[];
  total: number;
  offset: number;
  pageSize: number;
  onPage: (offset: number) => void;
  onOpen: (runId: string) => void;
}) {
  if (props.total === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="automation-history-empty">
        No run yet. “Run now” starts one; a schedule starts them on its own.
      </Text>
    );
  }
  return (
    <>
      <Table highlightOnHover withTableBorder data-testid="automation-history">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Started</Table.Th>
            <Table.Th>Trigger</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Stage</Table.Th>
            <Table.Th ta="right">Credits</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {props.runs.map((r) => (
            <Table.Tr
              key={r.id}
              style={{ cursor: 'pointer' }}
              onClick={() => props.onOpen(r.id)}
              data-testid={`automation-history-${r.id}`}
            >
              <Table.Td>{formatDateTime(r.startedAt ?? r.createdAt)}</Table.Td>
              <Table.Td>{r.trigger === 'schedule' ? 'Schedule' : 'Run now'}</Table.Td>
              <Table.Td>
                <Badge size="sm" variant="light" color={runStatusMeta[r.status].color}>
                  {runStatusMeta[r.status].label}
                </Badge>
              </Table.Td>
              <Table.Td>{r.stage ? automationStageLabels[r.stage] : '—'}</Table.Td>
              <Table.Td ta="right">{r.creditsUsed.toLocaleString()}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {props.total > props.pageSize ? (
        <Group justify="flex-end" gap="xs">
          <Button
            size="compact-xs"
            variant="default"
            disabled={props.offset === 0}
            onClick={() => props.onPage(Math.max(0, props.offset - props.pageSize))}
          >
            Newer
          </Button>
          <Button
            size="compact-xs"
            variant="default"
            disabled={props.offset + props.pageSize >= props.total}
            onClick={() => props.onPage(props.offset + props.pageSize)}
          >
            Older
          </Button>
        </Group>
      ) : null}
    </>
  );
}
