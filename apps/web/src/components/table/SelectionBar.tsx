import type { ReactNode } from 'react';
import { Button, Group, Paper, Text } from '@mantine/core';

/** Shown while rows are selected: how many, and what can be done with them. */
export function SelectionBar(props: {
  count: number;
  noun: string;
  onClear: () => void;
  children: ReactNode;
  /** "select all N matching" */ matching?: ReactNode;
}) {
  if (props.count === 0) return null;
  return (
    <Paper
      radius="md"
      px="md"
      py={8}
      mb="sm"
      bg="indigo.0"
      style={{ border: '1px solid var(--mantine-color-indigo-2)' }}
      data-testid="selection-bar"
    >
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Group gap="xs">
          <Text size="sm" fw={600} data-testid="selection-count">
            {props.count.toLocaleString()} {props.noun}
            {props.count === 1 ? '' : 's'} selected
          </Text>
          <Button size="compact-xs" variant="subtle" onClick={props.onClear} data-testid="selection-clear">
            Clear
          </Button>
          {props.matching}
        </Group>
        <Group gap="xs" wrap="wrap">
          {props.children}
        </Group>
      </Group>
    </Paper>
  );
}
