import { ActionIcon, Divider, Group, Paper, Portal, ScrollArea, Stack, Text, Tooltip } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconChevronDown, IconChevronUp, IconLoader2, IconX } from '@tabler/icons-react';
import { dismissDock, setDockCollapsed, useAccountTasks } from './store';
import { TaskStack } from './TaskStack';
import { isActive, sortForTray } from './trayState';
import classes from './tasks.module.css';
import { useNow } from './useNow';

/** Width of the shell's side navigation (AppLayout), so the dock sits over the page, not the nav. */
const NAV_WIDTH = 250;

/**
 * A compact floating panel with the tasks that ran in this tab: it appears when a task starts and
 * stays, with the results, until closed.
 */
export function TaskDock({ accountId, canCancel }: { accountId: string; canCancel: boolean }) {
  const { runs, dock, dockCollapsed } = useAccountTasks(accountId);
  const wide = useMediaQuery('(min-width: 48em)');
  const now = useNow(15_000);
  if (dock.length === 0) return null;

  const known = sortForTray(dock.flatMap((id) => (runs[id] ? [runs[id]] : [])));
  const pending = dock.filter((id) => !runs[id]);
  const running = known.filter(isActive).length + pending.length;
  const title = running > 0 ? `${running} task${running === 1 ? '' : 's'} running` : 'Tasks finished';

  return (
    <Portal>
      <Paper
        withBorder
        shadow="lg"
        radius="md"
        w={360}
        maw="calc(100vw - 32px)"
        data-testid="task-dock"
        style={{ position: 'fixed', bottom: 16, left: (wide ? NAV_WIDTH : 0) + 16, zIndex: 150 }}
      >
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
            <ScrollArea.Autosize mah="min(340px, 50vh)" type="auto">
              <Stack gap="sm" px="sm" py="sm">
                <TaskStack accountId={accountId} runs={known} pendingIds={pending} now={now} canCancel={canCancel} />
              </Stack>
            </ScrollArea.Autosize>
          </>
        )}
      </Paper>
    </Portal>
  );
}
