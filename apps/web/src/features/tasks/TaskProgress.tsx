import { Box, Group, Progress, Text } from '@mantine/core';
import type { TaskRun } from '@igny8/contracts';
import { progressLine, statusMeta } from './labels';
import { isActive } from './trayState';

/**
 * The bar, the percent and what the task is doing. The percent it gets is already monotonic (the
 * server clamps it and the tray store never lets it drop), so the bar only ever grows.
 */
export function TaskProgress({
  run,
  testId,
  size = 'sm',
}: {
  run: TaskRun;
  testId?: string;
  size?: 'xs' | 'sm' | 'md';
}) {
  const active = isActive(run);
  const { percent } = run.progress;
  const color = run.stalled && active ? 'orange' : active ? 'indigo' : statusMeta[run.status].color;
  return (
    <Box data-testid={testId} data-percent={percent} data-status={run.status} data-stalled={run.stalled || undefined}>
      <Group gap="xs" wrap="nowrap">
        <Progress
          value={percent}
          color={color}
          size={size}
          radius="xl"
          striped={active}
          animated={run.status === 'running' && !run.stalled}
          style={{ flex: 1 }}
          aria-label={`${run.title}: ${percent}%`}
        />
        <Text size="xs" fw={600} w={34} ta="right" c={active ? undefined : 'dimmed'}>
          {percent}%
        </Text>
      </Group>
      <Text size="xs" c={run.stalled && active ? 'orange.8' : 'dimmed'} mt={4} lineClamp={2}>
        {progressLine(run)}
      </Text>
    </Box>
  );
}
