import { plural } from '@igny8/contracts';
import { ActionIcon, Divider, Group, Paper, ScrollArea, Stack, Text, Tooltip } from '@mantine/core';
import { IconChevronDown, IconChevronUp, IconLoader2, IconX } from '@tabler/icons-react';
import { dismissDock, setDockCollapsed, useAccountTasks } from './store';
import { TaskStack } from './TaskStack';
import { isActive, sortForTray } from './trayState';
import classes from './tasks.module.css';
import { useNow } from './useNow';

/**
 * The tasks that ran in this tab, at the foot of the side navigation: it appears when a task starts
 * and stays, with the results, until closed. It has its own space there (the navigation's links
 * scroll above it), so it never floats over the page and its buttons.
 */
export function TaskDock({ accountId, canCancel }: { accountId: string; canCancel: boolean }) {
  const { runs, dock, dockCollapsed } = useAccountTasks(accountId);
  const now = useNow(15_000);
  if (dock.length === 0) return null;

  const known = sortForTray(dock.flatMap((id) => (runs[id] ? [runs[id]] : [])));
  const pending = dock.filter((id) => !runs[id]);
  const running = known.filter(isActive).length + pending.length;
  const title = running > 0 ? `${plural(running, 'task')} running` : 'Tasks finished';

  return (
    <Paper withBorder shadow="xs" radius="md" mt="sm" data-testid="task-dock">
      <Group justify="space-between" px="sm" py={8} wrap="nowrap">
        <Group gap={6} wrap="nowrap">
          {running > 0 ? <IconLoader2 size={16} className={classes.spin} /> : null}
          <Text size="sm" fw={600}>
            {title}
          </Text>
        </Group>
        <Group gap={2} wrap="nowrap">
          <Tooltip label={dockCollapsed ? 'Expand' : 'Collapse'}>
            <ActionIcon
              variant="subtle"
              color="gray"
              size="sm"
              onClick={() => setDockCollapsed(accountId, !dockCollapsed)}
              data-testid="task-dock-toggle"
              aria-label={dockCollapsed ? 'Expand' : 'Collapse'}
            >
              {dockCollapsed ? <IconChevronUp size={16} /> : <IconChevronDown size={16} />}
            </ActionIcon>
          </Tooltip>
          <Tooltip label="Close">
            <ActionIcon
              variant="subtle"
              color="gray"
              size="sm"
              onClick={() => dismissDock(accountId)}
              data-testid="task-dock-close"
              aria-label="Close"
            >
              <IconX size={16} />
            </ActionIcon>
          </Tooltip>
        </Group>
      </Group>
      {dockCollapsed ? null : (
        <>
          <Divider />
          <ScrollArea.Autosize mah="min(320px, 40vh)" type="auto">
            <Stack gap="sm" px="sm" py="sm">
              <TaskStack accountId={accountId} runs={known} pendingIds={pending} now={now} canCancel={canCancel} />
            </Stack>
          </ScrollArea.Autosize>
        </>
      )}
    </Paper>
  );
}
