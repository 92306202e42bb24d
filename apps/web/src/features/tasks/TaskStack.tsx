import { Fragment } from 'react';
import { Divider, Group, Loader, Text } from '@mantine/core';
import type { TaskRun } from '@igny8/contracts';
import { TaskItem } from './TaskItem';
import { useTaskCancel } from './useCancel';

/** A column of tasks, with a stand-in row for each one just started that no answer has shown yet. */
export function TaskStack(props: {
  accountId: string;
  runs: TaskRun[];
  pendingIds?: string[];
  now: number;
  canCancel: boolean;
  onNavigate?: () => void;
}) {
  const cancel = useTaskCancel(props.accountId);
  const pending = props.pendingIds ?? [];
  return (
    <>
      {pending.map((id, i) => (
        <Fragment key={id}>
          {i > 0 ? <Divider /> : null}
          <Group gap="xs" py={4} data-testid={`task-pending-${id}`}>
            <Loader size={14} />
            <Text size="sm" c="dimmed">
              Starting task…
            </Text>
          </Group>
        </Fragment>
      ))}
      {props.runs.map((run, i) => (
        <Fragment key={run.id}>
          {i > 0 || pending.length > 0 ? <Divider /> : null}
          <TaskItem
            run={run}
            now={props.now}
            canCancel={props.canCancel}
            cancelling={cancel.isPending && cancel.variables === run.id}
            onCancel={(id) => cancel.mutate(id)}
            onNavigate={props.onNavigate}
          />
        </Fragment>
      ))}
    </>
  );
}
