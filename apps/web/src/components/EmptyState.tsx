import type { ReactNode } from 'react';
import { Stack, Text, ThemeIcon } from '@mantine/core';
import type { Icon } from '@tabler/icons-react';

export function EmptyState(props: { icon: Icon; title: string; description?: string; action?: ReactNode }) {
  return (
    <Stack align="center" gap={6} py="xl" px="md" data-testid="empty-state">
      <ThemeIcon size={44} radius="xl" variant="light" color="gray">
        <props.icon size={22} />
      </ThemeIcon>
      <Text fw={600}>{props.title}</Text>
      {props.description ? (
        <Text size="sm" c="dimmed" ta="center" maw={380}>
          {props.description}
        </Text>
      ) : null}
      {props.action}
    </Stack>
  );
}
