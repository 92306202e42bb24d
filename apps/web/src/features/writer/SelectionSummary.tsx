import { Button, Group, Text } from '@mantine/core';

/** "3 selected · Clear", shown beside a table's bulk actions. */
export function SelectionSummary({ count, onClear }: { count: number; onClear: () => void }) {
  if (count === 0) return null;
  return (
    <Group gap={4} wrap="nowrap">
      <Text size="sm" c="dimmed" data-testid="selection-count">
        {count} selected
      </Text>
      <Button variant="subtle" size="compact-sm" color="gray" onClick={onClear}>
        Clear
      </Button>
    </Group>
  );
}
