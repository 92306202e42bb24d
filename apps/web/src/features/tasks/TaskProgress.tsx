import { Box, Group, Progress, Text } from '@mantine/core';
import type { TaskRun } from '@igny8/contracts';
import { phaseLabel, statusMeta } from './labels';
import { isActive } from './trayState';

/**
 * The bar, the percent and what the task is doing. The percent it gets is already monotonic (the
 * server clamps it and the tray store never lets it drop), so the bar only ever grows.
 */
export function TaskProgress({ run, testId, size = 'sm' }: { run: TaskRun; testId?: string; size?: 'xs' | 'sm' | 'md' }) {
  const active = isActive(run);
  const { percent, phase, message } = run.progress;
  const color = active ? 'indigo' : statusMeta[run.status].color;
  return (
    <Box data-testid={testId} data-percent={percent} data-status={run.status}>
      <Group gap="xs" wrap="nowrap">
        <Progress
          value={percent}
          color={color}
          size={size}
          radius="xl"
          striped={active}
          animated={run.status === 'running'}
          style={{ flex: 1 }}
          aria-label={`${run.title}: ${percent}%`}
        />
        <Text size="xs" fw={600} w={34} ta="right" c={active ? undefined : 'dimmed'}>
          {percent}%
        </Text>
      </Group>
      <Text size="xs" c="dimmed" mt={4} lineClamp={2}>
        {active && phase !== 'queued' ? `${phaseLabel[phase]} · ` : ''}
        {message || phaseLabel[phase]}
      </Text>
    </Box>
  );
}
