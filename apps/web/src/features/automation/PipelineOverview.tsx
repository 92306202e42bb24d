import { Badge, Group, Paper, SimpleGrid, Text } from '@mantine/core';
import { automationStageLabels, automationStages, type AutomationOverview } from '@igny8/contracts';
import { waitingNouns } from './labels';

/** What waits at each stage of the site's pipeline now. */
export function PipelineOverview({
  overview,
  current,
}: {
  overview: AutomationOverview | undefined;
  current: string | null;
}) {
  return (
    <SimpleGrid cols={{ base: 2, sm: 4, lg: 7 }} spacing="xs" data-testid="automation-overview">
      {automationStages.map((stage) => (
        <Paper
          key={stage}
          withBorder
          radius="md"
          p="xs"
          bg={current === stage ? 'blue.0' : undefined}
          data-testid={`automation-waiting-${stage}`}
        >
          <Group justify="space-between" gap={4} wrap="nowrap">
            <Text size="xs" fw={600} lineClamp={1}>
              {automationStageLabels[stage]}
            </Text>
            {current === stage ? (
              <Badge size="xs" variant="light">
                now
              </Badge>
            ) : null}
          </Group>
          <Text size="xl" fw={700}>
            {overview ? overview.waiting[stage].toLocaleString() : '…'}
          </Text>
          <Text size="xs" c="dimmed">
            {waitingNouns[stage]}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}
