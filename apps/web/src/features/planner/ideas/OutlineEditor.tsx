import { ActionIcon, Button, Group, SegmentedControl, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import { addRow, MAX_HEADING, MAX_OUTLINE_ITEMS, moveRow, removeRow, updateRow, type OutlineRow } from './outline';

/** H2/H3 headings of an idea: add, remove, reorder and change level. */
export function OutlineEditor(props: { rows: OutlineRow[]; onChange: (rows: OutlineRow[]) => void }) {
  const { rows, onChange } = props;
  return (
    <Stack gap={6} data-testid="outline-editor">
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          No headings yet.
        </Text>
      ) : null}
      {rows.map((row, i) => (
        <Group key={row.key} gap={6} wrap="nowrap" pl={row.level === 3 ? 28 : 0} data-testid={`outline-row-${i}`}>
          <SegmentedControl
            size="xs"
            value={String(row.level)}
            data={[
              { value: '2', label: 'H2' },
              { value: '3', label: 'H3' },
            ]}
            onChange={(v) => onChange(updateRow(rows, i, { level: v === '3' ? 3 : 2 }))}
            aria-label={`Level of heading ${i + 1}`}
          />
          <TextInput
            flex={1}
            size="xs"
            value={row.text}
            maxLength={MAX_HEADING}
            placeholder={row.level === 2 ? 'Section heading' : 'Sub-section heading'}
            error={!row.text.trim()}
            onChange={(e) => onChange(updateRow(rows, i, { text: e.currentTarget.value }))}
            aria-label={`Heading ${i + 1}`}
          />
          <Tooltip label="Move up" withArrow>
            <ActionIcon
              variant="subtle"
              color="gray"
              disabled={i === 0}
              onClick={() => onChange(moveRow(rows, i, -1))}
              aria-label="Move up"
            >
              <IconArrowUp size={14} />
            </ActionIcon>
          </Tooltip>
          <Tooltip label="Move down" withArrow>
            <ActionIcon
              variant="subtle"
              color="gray"
              disabled={i === rows.length - 1}
              onClick={() => onChange(moveRow(rows, i, 1))}
              aria-label="Move down"
            >
              <IconArrowDown size={14} />
            </ActionIcon>
          </Tooltip>
          <Tooltip label="Add a heading below" withArrow>
            <ActionIcon
              variant="subtle"
              color="gray"
              disabled={rows.length >= MAX_OUTLINE_ITEMS}
              onClick={() => onChange(addRow(rows, i))}
              aria-label="Add below"
            >
              <IconPlus size={14} />
            </ActionIcon>
          </Tooltip>
          <Tooltip label="Remove" withArrow>
            <ActionIcon
              variant="subtle"
              color="red"
              onClick={() => onChange(removeRow(rows, i))}
              aria-label="Remove heading"
            >
              <IconTrash size={14} />
            </ActionIcon>
          </Tooltip>
        </Group>
      ))}
      <Group>
        <Button
          size="compact-sm"
          variant="subtle"
          leftSection={<IconPlus size={14} />}
          disabled={rows.length >= MAX_OUTLINE_ITEMS}
          onClick={() => onChange(addRow(rows))}
          data-testid="outline-add"
        >
          Add heading
        </Button>
      </Group>
    </Stack>
  );
}
