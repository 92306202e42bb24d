import { Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { automationStageLabels, type AutomationRun } from '@igny8/contracts';
import { useAutomationRunAction } from '../../api/queries/automation';
import { TaskProgress } from '../tasks/TaskProgress';
import { taskDetailOptions } from '../tasks/taskRunQuery';
import { formatDateTime, runStatusMeta, stageStatusMeta } from './labels';

/** One run: its state, the item being processed, each stage's counts, its controls and its log. */
export function RunView({
  accountId,
  siteId,
  run,
  canRun,
}: {
  accountId: string;
  siteId: string;
  run: AutomationRun;
  canRun: boolean;
}) {
  const qc = useQueryClient();
  const task = useQuery(taskDetailOptions(qc, accountId, run.currentTaskRunId));
  const act = useAutomationRunAction(accountId, siteId);
  const meta = runStatusMeta[run.status];
  const live = run.status === 'queued' || run.status === 'running' || run.status === 'paused';
  const pausing = run.pauseRequested && run.status !== 'paused';

  return (
    <Stack gap="sm" data-testid={`automation-run-${run.id}`}>
      <Group justify="space-between" align="flex-start">
        <div>
          <Group gap="xs">
            <Badge color={meta.color} variant="light" data-testid="automation-run-status">
              {pausing ? 'Pausing…' : run.cancelRequested && live ? 'Cancelling…' : meta.label}
            </Badge>
            <Text size="sm" c="dimmed">
              {run.trigger === 'schedule' ? 'On schedule' : 'Run now'} · started{' '}
              {formatDateTime(run.startedAt ?? run.createdAt)}
              {run.finishedAt ? ` · ended ${formatDateTime(run.finishedAt)}` : ''}
            </Text>
          </Group>
          <Text size="sm" mt={4}>
            {run.creditsUsed.toLocaleString()} credits used
          </Text>
        </div>
        {canRun && live ? (
          <Group gap="xs">
            {run.status === 'paused' ? (
              <Button
                size="xs"
                onClick={() => act.mutate({ runId: run.id, action: 'resume' })}
                loading={act.isPending}
                data-testid="automation-resume"
              >
                Resume
              </Button>
            ) : (
              <Button
                size="xs"
                variant="default"
                disabled={run.pauseRequested || run.cancelRequested}
                onClick={() => act.mutate({ runId: run.id, action: 'pause' })}
                data-testid="automation-pause"
              >
                Pause
              </Button>
            )}
            <Button
              size="xs"
              color="red"
              variant="light"
              disabled={run.cancelRequested}
              onClick={() => act.mutate({ runId: run.id, action: 'cancel' })}
              data-testid="automation-cancel"
            >
              Cancel run
            </Button>
          </Group>
        ) : null}
      </Group>

      {task.data && live ? (
        <Paper withBorder radius="md" p="sm" data-testid="automation-current-item">
          <Text size="xs" c="dimmed" mb={4}>
            Now: {task.data.title}
          </Text>
          <TaskProgress run={task.data} size="sm" />
        </Paper>
      ) : null}

      <Table striped withTableBorder data-testid="automation-stages">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Stage</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th ta="right">Taken</Table.Th>
            <Table.Th ta="right">Made</Table.Th>
            <Table.Th ta="right">Failed</Table.Th>
            <Table.Th ta="right">Credits</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {run.stages.map((s) => (
            <Table.Tr key={s.stage} data-testid={`automation-stage-${s.stage}`}>
              <Table.Td>{automationStageLabels[s.stage]}</Table.Td>
              <Table.Td>
                <Badge size="sm" variant="light" color={stageStatusMeta[s.status].color}>
                  {stageStatusMeta[s.status].label}
                </Badge>
              </Table.Td>
              <Table.Td ta="right">{s.processed}</Table.Td>
              <Table.Td ta="right">{s.created}</Table.Td>
              <Table.Td ta="right">{s.failed}</Table.Td>
              <Table.Td ta="right">{s.creditsUsed}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>

      <Title order={5}>Log</Title>
      <Stack gap={2} data-testid="automation-log" style={{ maxHeight: 280, overflowY: 'auto' }}>
        {run.log.map((l, i) => (
          <Group key={i} gap="xs" wrap="nowrap" align="flex-start">
            <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
              {new Date(l.at).toLocaleTimeString()}
            </Text>
            <Text size="xs" c={l.level === 'error' ? 'red.7' : l.level === 'warn' ? 'orange.8' : undefined}>
              {l.stage ? `${automationStageLabels[l.stage]} · ` : ''}
              {l.message}
            </Text>
          </Group>
        ))}
      </Stack>
    </Stack>
  );
}
