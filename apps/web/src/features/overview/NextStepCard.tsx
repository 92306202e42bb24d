import { Button, Group, Paper, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconArrowRight, IconCircleCheck, IconRoute } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { Funnel } from '@igny8/contracts';
import { siteHomePath } from '../sites/sitePaths';
import { nextStepFor } from './pipeline';

/** "Next step": the one thing to do on this site, from its funnel. */
export function NextStepCard(props: { funnel: Funnel; accountId: string; siteId: string; canEdit: boolean }) {
  const { funnel, accountId, siteId, canEdit } = props;
  const step = nextStepFor(funnel, canEdit);
  const done = step.id === 'done';
  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      data-testid="next-step"
      data-step={step.id}
      style={{ borderLeft: `4px solid var(--mantine-color-${done ? 'teal' : 'indigo'}-6)` }}
    >
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Group gap="md" wrap="nowrap" style={{ minWidth: 0 }}>
          <ThemeIcon size={40} radius="md" variant="light" color={done ? 'teal' : 'indigo'}>
            {done ? <IconCircleCheck size={22} /> : <IconRoute size={22} />}
          </ThemeIcon>
          <Stack gap={0} style={{ minWidth: 0 }}>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              {canEdit || done ? 'Next step' : 'Where this site stands'}
            </Text>
            <Text fw={600} data-testid="next-step-title">
              {step.title}
            </Text>
            <Text size="sm" c="dimmed">
              {step.description}
            </Text>
          </Stack>
        </Group>
        <Button
          component={Link}
          to={siteHomePath(accountId, siteId, step.sub)}
          variant={done || !canEdit ? 'default' : 'filled'}
          rightSection={<IconArrowRight size={16} />}
          data-testid="next-step-action"
        >
          {step.action}
        </Button>
      </Group>
    </Paper>
  );
}
