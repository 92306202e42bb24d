import { Anchor, Badge, Box, Group, Paper, Progress, Skeleton, Stack, Text } from '@mantine/core';
import { IconArrowRight, IconListCheck } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { TaskRun } from '@igny8/contracts';
import { EmptyState } from '../../components/EmptyState';
import { QueryError } from '../../components/QueryError';
import { formatRelative, kindLabel, taskBadge } from '../tasks/labels';
import { useAccountTasks } from '../tasks/store';
import { isActive, sortForTray } from '../tasks/trayState';
import { useNow } from '../tasks/useNow';
import { recentTasksOptions } from '../tasks/useTaskFeed';
import { formatDateTime } from '../../lib/dates';

const RECENT = 8;

function TaskLine({ run, now }: { run: TaskRun; now: number }) {
  const meta = taskBadge(run);
  const active = isActive(run);
  const showResult = run.resultPath && (run.status === 'succeeded' || run.status === 'partial');
  return (
    <Box py={10} style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }} data-testid={`recent-task-${run.id}`}>
      <Group justify="space-between" wrap="nowrap" gap="sm" align="flex-start">
        <Box style={{ minWidth: 0, flex: 1 }}>
          <Text size="sm" fw={500} lineClamp={1} title={run.title}>
            {run.title}
          </Text>
          <Text size="xs" c="dimmed">
            {kindLabel(run.kind)} ·{' '}
            <span title={formatDateTime(run.createdAt)}>{formatRelative(run.createdAt, now)}</span>
          </Text>
        </Box>
        <Badge
          variant="light"
          color={meta.color}
          size="sm"
          style={{ flexShrink: 0 }}
          data-testid={`recent-task-status-${run.id}`}
        >
          {meta.label}
        </Badge>
      </Group>
      <Group gap="sm" wrap="nowrap" mt={6}>
        <Progress
          value={run.progress.percent}
          color={active ? 'indigo' : meta.color}
          size="sm"
          radius="xl"
          striped={active}
          animated={run.status === 'running'}
          style={{ flex: 1 }}
          aria-label={`${run.title}: ${run.progress.percent}%`}
        />
        <Text size="xs" c="dimmed" w={34} ta="right">
          {run.progress.percent}%
        </Text>
        <Box w={86} ta="right">
          {showResult ? (
            <Anchor
              component={Link}
              to={run.resultPath!}
              size="xs"
              fw={500}
              data-testid={`recent-task-result-${run.id}`}
            >
              View result
            </Anchor>
          ) : run.status === 'failed' ? (
            <Text size="xs" c="red.7" lineClamp={1} title={run.error?.message}>
              {run.error?.message ?? 'Failed'}
            </Text>
          ) : null}
        </Box>
      </Group>
    </Box>
  );
}

/**
 * The latest task runs of the account, running ones first, as the shell's task feed keeps them in
 * the task store (it polls them; this panel fetches nothing of its own). The feed's recent-list
 * query is only observed, for its first load and its error.
 */
export function RecentTasks({ accountId }: { accountId: string }) {
  const qc = useQueryClient();
  const tasks = useQuery({ ...recentTasksOptions(qc, accountId), refetchOnMount: false });
  const { runs } = useAccountTasks(accountId);
  const now = useNow();
  const items = sortForTray(Object.values(runs)).slice(0, RECENT);

  return (
    <Paper withBorder radius="md" p="lg" h="100%" data-testid="recent-tasks">
      <Group justify="space-between" mb="xs" align="flex-start" wrap="nowrap">
        <div>
          <Text fw={600}>Recent task runs</Text>
          <Text size="sm" c="dimmed">
            Clustering, ideas, writing and images run in the background.
          </Text>
        </div>
        <Anchor
          component={Link}
          to={`/a/${accountId}/tasks`}
          size="sm"
          data-testid="recent-tasks-all"
          style={{ flexShrink: 0, whiteSpace: 'nowrap' }}
        >
          <Group gap={4} wrap="nowrap">
            All tasks <IconArrowRight size={14} />
          </Group>
        </Anchor>
      </Group>
      {tasks.isError && items.length === 0 ? (
        <QueryError error={tasks.error} onRetry={() => void tasks.refetch()} />
      ) : null}
      {tasks.isPending && items.length === 0 ? (
        <Stack gap="xs" mt="sm">
          {[0, 1, 2].map((i) => (
            <Skeleton key={i} h={44} />
          ))}
        </Stack>
      ) : null}
      {tasks.isSuccess && items.length === 0 ? (
        <EmptyState
          icon={IconListCheck}
          title="No tasks yet"
          description="When you auto-cluster keywords or generate ideas, content or images, the runs show up here."
        />
      ) : null}
      {items.map((run) => (
        <TaskLine key={run.id} run={run} now={now} />
      ))}
    </Paper>
  );
}
