import { Anchor, Badge, Button, Group, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconArrowRight } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { TaskRun } from '@igny8/contracts';
import { formatRelative, itemErrorsLine, kindLabel, summarizeResult, taskBadge } from './labels';
import { TrayActions } from '../automation/TrayActions';
import { TaskProgress } from './TaskProgress';
import { isActive } from './trayState';

export interface TaskItemProps {
  run: TaskRun;
  now: number;
  canCancel: boolean;
  cancelling: boolean;
  onCancel: (taskId: string) => void;
  /** Following the result link (the tray closes). */
  onNavigate?: () => void;
}

/** One task in the tray or the dock: what it is, how far it got and what came out of it. */
export function TaskItem({ run, now, canCancel, cancelling, onCancel, onNavigate }: TaskItemProps) {
  const active = isActive(run);
  const meta = taskBadge(run);
  const summary = active ? null : summarizeResult(run.result);
  const itemErrors = run.itemErrors.length;

  return (
    <Stack gap={6} data-testid={`task-item-${run.id}`} py={2}>
      <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
        <div style={{ minWidth: 0 }}>
          <Text size="sm" fw={600} lineClamp={2}>
            {run.title}
          </Text>
          <Text size="xs" c="dimmed">
            {kindLabel(run.kind)} · {formatRelative(run.startedAt ?? run.createdAt, now)}
          </Text>
        </div>
        <Badge
          size="sm"
          variant="light"
          color={meta.color}
          style={{ flexShrink: 0 }}
          data-testid={`task-status-${run.id}`}
        >
          {meta.label}
        </Badge>
      </Group>

      <TaskProgress run={run} testId={`task-progress-${run.id}`} size="sm" />

      {summary ? (
        <Text size="xs" c={run.status === 'succeeded' ? 'teal.8' : 'dimmed'}>
          {summary}
        </Text>
      ) : null}
      {run.error ? (
        <Text size="xs" c="red.7" lineClamp={3} data-testid={`task-error-${run.id}`}>
          {run.error.message}
        </Text>
      ) : null}
      {itemErrors > 0 ? (
        <Group gap={4} wrap="nowrap">
          <IconAlertTriangle size={14} color="var(--mantine-color-orange-6)" />
          <Text size="xs" c="orange.8" data-testid={`task-item-errors-${run.id}`}>
            {itemErrorsLine(run.itemErrors)}
          </Text>
        </Group>
      ) : null}

      {run.automationRunId && run.siteId ? (
        <TrayActions
          run={{ ...run, automationRunId: run.automationRunId, siteId: run.siteId }}
          canRun={canCancel}
          onNavigate={onNavigate}
        />
      ) : null}
      {(run.resultPath && !active) || (active && canCancel) ? (
        <Group justify="flex-end" gap="xs">
          {run.resultPath && !active ? (
            <Anchor
              component={Link}
              to={run.resultPath}
              size="xs"
              fw={600}
              onClick={onNavigate}
              data-testid={`task-result-link-${run.id}`}
            >
              <Group gap={2} wrap="nowrap">
                View results <IconArrowRight size={12} />
              </Group>
            </Anchor>
          ) : null}
          {active && canCancel ? (
            <Button
              size="compact-xs"
              variant="subtle"
              color="red"
              loading={cancelling}
              disabled={run.cancelRequested}
              onClick={() => onCancel(run.id)}
              data-testid={`task-cancel-${run.id}`}
            >
              {run.cancelRequested ? 'Cancelling…' : 'Cancel'}
            </Button>
          ) : null}
        </Group>
      ) : null}
    </Stack>
  );
}
