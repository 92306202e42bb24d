import { Anchor, Button, Group } from '@mantine/core';
import { Link } from 'react-router';
import type { TaskRun } from '@igny8/contracts';
import { useAutomationRunAction } from '../../api/queries/automation';

/** In the task tray, on a task that is a stage of an automation run: open the run, or pause it. */
export function TrayActions({
  run,
  canRun,
  onNavigate,
}: {
  run: TaskRun & { automationRunId: string; siteId: string };
  canRun: boolean;
  onNavigate?: () => void;
}) {
  const act = useAutomationRunAction(run.accountId, run.siteId);
  const active = run.status === 'queued' || run.status === 'running';
  return (
    <Group gap="xs" justify="flex-end" data-testid={`task-automation-${run.id}`}>
      <Anchor
        component={Link}
        to={`/a/${run.accountId}/sites/${run.siteId}/automation?run=${run.automationRunId}`}
        size="xs"
        fw={600}
        onClick={onNavigate}
      >
        Automation run
      </Anchor>
      {active && canRun && !run.cancelRequested ? (
        <Button
          size="compact-xs"
          variant="subtle"
          loading={act.isPending}
          onClick={() => act.mutate({ runId: run.automationRunId, action: 'pause' })}
          data-testid={`task-automation-pause-${run.id}`}
        >
          Pause automation
        </Button>
      ) : null}
    </Group>
  );
}
