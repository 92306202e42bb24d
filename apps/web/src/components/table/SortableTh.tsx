import type { ReactNode } from 'react';
import { Group, Table, Text, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconChevronUp, IconSelector } from '@tabler/icons-react';

/** A column header that sorts the server-side list when clicked. */
export function SortableTh<S extends string>(props: {
  field: S;
  sort: S;
  order: 'asc' | 'desc';
  onSort: (field: S) => void;
  children: ReactNode;
  w?: number;
  align?: 'left' | 'right';
}) {
  const active = props.sort === props.field;
  const Icon = !active ? IconSelector : props.order === 'asc' ? IconChevronUp : IconChevronDown;
  return (
    <Table.Th w={props.w} aria-sort={active ? (props.order === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <UnstyledButton
        onClick={() => props.onSort(props.field)}
        data-testid={`sort-${props.field}`}
        style={{ width: '100%' }}
      >
        <Group gap={4} wrap="nowrap" justify={props.align === 'right' ? 'flex-end' : 'flex-start'}>
          <Text fw={active ? 700 : 600} size="sm">
            {props.children}
          </Text>
          <Icon
            size={14}
            stroke={1.6}
            color={active ? 'var(--mantine-color-indigo-6)' : 'var(--mantine-color-gray-5)'}
          />
        </Group>
      </UnstyledButton>
    </Table.Th>
  );
}
