import { Alert, Badge, Button, Divider, Drawer, Group, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertCircle, IconArrowRight } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { QueryError } from '../../components/QueryError';
import { formatDateTime } from '../../lib/dates';
import {
  formatDuration,
  itemErrorsLine,
  kindLabel,
  resultColor,
  runDuration,
  summarizeResult,
  taskBadge,
} from './labels';
import { useKnownTask } from './store';
import { TaskDebug } from './TaskDebug';
import { RetryFailedButton } from './RetryFailedButton';
import { TaskProgress } from './TaskProgress';
import { taskDetailOptions } from './taskRunQuery';
import { isActive, mergeRun } from './trayState';
import { useTaskCancel } from './useCancel';
import { useNow } from './useNow';

function When({ label, iso }: { label: string; iso: string | null }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm">{iso ? formatDateTime(iso) : '—'}</Text>
    </div>
  );
}

/** Everything about one task: live progress, outcome, failed items and what the AI side did. */
export function TaskDetailDrawer(props: {
  accountId: string;
  taskId: string | null;
  canCancel: boolean;
  onClose: () => void;
  onOpenTask?: (taskId: string) => void;
}) {
  const qc = useQueryClient();
  const detail = useQuery(taskDetailOptions(qc, props.accountId, props.taskId));
  const known = useKnownTask(props.accountId, props.taskId);
  const cancel = useTaskCancel(props.accountId);
  const now = useNow(props.taskId ? 1_000 : 60_000);
  const run = detail.data && known ? mergeRun(known, detail.data) : (detail.data ?? known);

  const duration = run ? runDuration(run, now) : null;
  const summary = run ? summarizeResult(run.result) : null;

  return (
    <Drawer
      opened={props.taskId !== null}
      onClose={props.onClose}
      position="right"
      size="lg"
      title={<Text fw={600}>Task details</Text>}
      data-testid="task-detail"
    >
      {!run && detail.isError ? <QueryError error={detail.error} onRetry={() => void detail.refetch()} /> : null}
      {!run && detail.isPending ? <Skeleton h={160} /> : null}
      {run ? (
        <Stack gap="lg" data-testid="task-detail-body">
          <Stack gap={4}>
            <Group justify="space-between" align="flex-start" wrap="nowrap">
              <Title order={4} style={{ minWidth: 0 }}>
                {run.title}
              </Title>
              <Badge
                variant="light"
                color={taskBadge(run).color}
                size="lg"
                style={{ flexShrink: 0 }}
                data-testid="task-detail-status"
              >
                {taskBadge(run).label}
              </Badge>
            </Group>
            <Text size="sm" c="dimmed">
              {kindLabel(run.kind)}
              {duration !== null ? ` · ${isActive(run) ? 'running for' : 'took'} ${formatDuration(duration)}` : ''}
            </Text>
          </Stack>

          <TaskProgress run={run} size="md" testId="task-detail-progress" />

          <Group gap="sm">
            {run.resultPath && !isActive(run) ? (
              <Button component={Link} to={run.resultPath} variant="light" rightSection={<IconArrowRight size={16} />}>
                View results
              </Button>
            ) : null}
            {isActive(run) && props.canCancel ? (
              <Button
                variant="default"
                color="red"
                loading={cancel.isPending}
                disabled={run.cancelRequested}
                onClick={() => cancel.mutate(run.id)}
                data-testid="task-detail-cancel"
              >
                {run.cancelRequested ? 'Cancelling…' : 'Cancel task'}
              </Button>
            ) : null}
            {props.canCancel ? <RetryFailedButton run={run} onStarted={props.onOpenTask} /> : null}
          </Group>

          {summary ? (
            <Alert color={resultColor(run.status)} variant="light" title="Result" data-testid="task-detail-result">
              {summary}
            </Alert>
          ) : null}
          {run.error ? (
            <Alert
              color={run.status === 'partial' ? 'orange' : 'red'}
              variant="light"
              icon={<IconAlertCircle size={18} />}
              title={`${run.status === 'partial' ? 'What to change' : 'Failed'} (${run.error.code})`}
              data-testid="task-detail-error"
            >
              {run.error.message}
            </Alert>
          ) : null}

          {run.itemErrors.length > 0 ? (
            <Stack gap="xs">
              <Text fw={600} size="sm">
                {itemErrorsLine(run.itemErrors)}
              </Text>
              <Table withTableBorder fz="xs" data-testid="task-detail-item-errors">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Item</Table.Th>
                    <Table.Th>Code</Table.Th>
                    <Table.Th>Message</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {run.itemErrors.map((e, i) => (
                    <Table.Tr key={`${e.item}-${i}`}>
                      <Table.Td style={{ wordBreak: 'break-word' }}>
                        {e.label ?? 'An item'}
                        {e.fallback ? (
                          <Text span size="xs" c="dimmed">
                            {' '}
                            (saved with an offline fallback)
                          </Text>
                        ) : null}
                      </Table.Td>
                      <Table.Td>{e.code}</Table.Td>
                      <Table.Td>{e.message}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Stack>
          ) : null}

          <Group grow align="flex-start">
            <When label="Created" iso={run.createdAt} />
            <When label="Started" iso={run.startedAt} />
            <When label="Finished" iso={run.finishedAt} />
          </Group>

          <Divider label="AI provider and usage" labelPosition="left" />
          <TaskDebug run={run} />
        </Stack>
      ) : null}
    </Drawer>
  );
}
