import { Badge, Table, Text } from '@mantine/core';
import type { TaskRun } from '@igny8/contracts';
import { formatDuration, formatRelative, kindLabel, runDuration, summarizeResult, taskBadge } from './labels';
import { formatDateTime } from '../../lib/dates';
import { TaskProgress } from './TaskProgress';
import { isActive } from './trayState';

/** A row of the task history; clicking it opens the detail drawer. */
export function TaskRow({ run, now, onOpen }: { run: TaskRun; now: number; onOpen: (id: string) => void }) {
  const meta = taskBadge(run);
  const duration = runDuration(run, now);
  const outcome = isActive(run)
    ? null
    : (run.error?.message ?? summarizeResult(run.result) ?? (run.progress.message || null));

  return (
    <Table.Tr data-testid={`tasks-row-${run.id}`} onClick={() => onOpen(run.id)} style={{ cursor: 'pointer' }}>
      <Table.Td>
        <Text size="sm" fw={500} lineClamp={1}>
          {run.title}
        </Text>
        <Text size="xs" c="dimmed">
          {kindLabel(run.kind)}
        </Text>
      </Table.Td>
      <Table.Td>
        <Badge variant="light" color={meta.color} data-testid={`tasks-status-${run.id}`}>
          {meta.label}
        </Badge>
      </Table.Td>
      <Table.Td>
        {isActive(run) ? (
          <TaskProgress run={run} size="xs" />
        ) : (
          <Text size="xs" c={run.status === 'failed' ? 'red.7' : 'dimmed'} lineClamp={2}>
            {outcome}
            {run.itemErrors.length
              ? ` · ${run.itemErrors.length} item error${run.itemErrors.length === 1 ? '' : 's'}`
              : ''}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Text size="sm" c="dimmed" title={formatDateTime(run.createdAt)}>
          {formatRelative(run.createdAt, now)}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" c="dimmed">
          {formatDateTime(run.finishedAt)}
        </Text>
      </Table.Td>
      <Table.Td visibleFrom="md">
        <Text size="sm" c="dimmed">
          {duration === null ? '—' : formatDuration(duration)}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}
