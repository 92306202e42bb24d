import { Badge, Button, Divider, Group, Popover, ScrollArea, Stack, Text } from '@mantine/core';
import { IconChecklist, IconInbox } from '@tabler/icons-react';
import { Link } from 'react-router';
import { roleAtLeast, type Membership } from '@igny8/contracts';
import { EmptyState } from '../../components/EmptyState';
import { TaskStack } from './TaskStack';
import { useAccountTasks } from './store';
import { isActive, sortForTray } from './trayState';
import { useNow } from './useNow';
import { useTaskFeed } from './useTaskFeed';

const RECENT_IN_TRAY = 8;

/**
 * The task tray of the shell: a header button counting running tasks and a popover with running
 * and recent task runs. The shell shows the dock (AppLayout) only while the tray is closed, so each
 * task shows once on screen.
 */
export function TaskTray({
  account,
  opened,
  setOpened,
}: {
  account: Membership;
  opened: boolean;
  setOpened: (open: boolean | ((o: boolean) => boolean)) => void;
}) {
  const { accountId } = account;
  useTaskFeed(accountId);
  const { runs, tracked } = useAccountTasks(accountId);
  const now = useNow(opened ? 5_000 : 30_000);

  const sorted = sortForTray(Object.values(runs));
  const running = sorted.filter(isActive);
  const pending = tracked.filter((id) => !runs[id]);
  const shown = [...running, ...sorted.filter((r) => !isActive(r)).slice(0, RECENT_IN_TRAY)];
  const activeCount = running.length + pending.length;
  const canCancel = roleAtLeast(account.role, 'editor');

  return (
    <>
      <Popover
        opened={opened}
        onChange={setOpened}
        width="min(400px, calc(100vw - 24px))"
        position="bottom-end"
        shadow="lg"
        radius="md"
      >
        <Popover.Target>
          <Button
            variant={activeCount > 0 ? 'light' : 'subtle'}
            color={activeCount > 0 ? 'indigo' : 'gray'}
            size="sm"
            leftSection={<IconChecklist size={18} stroke={1.7} />}
            rightSection={
              activeCount > 0 ? (
                <Badge size="sm" circle variant="filled" data-testid="task-tray-count">
                  {activeCount}
                </Badge>
              ) : null
            }
            onClick={() => setOpened((o) => !o)}
            data-testid="task-tray-button"
            data-active-count={activeCount}
            aria-label={activeCount > 0 ? `Tasks, ${activeCount} running` : 'Tasks'}
          >
            <Text span size="sm" visibleFrom="xs">
              Tasks
            </Text>
          </Button>
        </Popover.Target>
        <Popover.Dropdown p={0} data-testid="task-tray">
          <Group justify="space-between" px="md" py="sm">
            <Text fw={600}>Tasks</Text>
            <Text size="xs" c="dimmed">
              {activeCount > 0 ? `${activeCount} running` : 'Nothing running'}
            </Text>
          </Group>
          <Divider />
          <ScrollArea.Autosize mah="min(460px, 65vh)" type="auto">
            <Stack gap="sm" px="md" py="sm">
              {shown.length + pending.length > 0 ? (
                <TaskStack
                  accountId={accountId}
                  runs={shown}
                  pendingIds={pending}
                  now={now}
                  canCancel={canCancel}
                  onNavigate={() => setOpened(false)}
                />
              ) : (
                <EmptyState
                  icon={IconInbox}
                  title="No tasks yet"
                  description="Clustering, idea, content and image runs show their progress here."
                />
              )}
            </Stack>
          </ScrollArea.Autosize>
          <Divider />
          <Button
            component={Link}
            to={`/a/${accountId}/tasks`}
            variant="subtle"
            fullWidth
            radius={0}
            onClick={() => setOpened(false)}
            data-testid="task-tray-all"
          >
            View all tasks
          </Button>
        </Popover.Dropdown>
      </Popover>
    </>
  );
}
