import { Checkbox, Table, type CheckboxProps } from '@mantine/core';
import type { HeaderCheck } from '../../lib/selection';

/** Header cell of a selectable table: picks or drops every row on this page. */
export function SelectAllTh(props: {
  check: HeaderCheck;
  disabled: boolean;
  onToggle: () => void;
  testId: string;
  size?: CheckboxProps['size'];
}) {
  return (
    <Table.Th w={40}>
      <Checkbox
        size={props.size}
        aria-label="Select all on this page"
        checked={props.check === 'all'}
        indeterminate={props.check === 'some'}
        disabled={props.disabled}
        onChange={props.onToggle}
        data-testid={props.testId}
      />
    </Table.Th>
  );
}

/** Checkbox cell of one row; `stopPropagation` keeps a click on it from opening a clickable row. */
export function SelectTd(props: {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  testId: string;
  size?: CheckboxProps['size'];
  stopPropagation?: boolean;
}) {
  return (
    <Table.Td onClick={props.stopPropagation ? (e) => e.stopPropagation() : undefined}>
      <Checkbox
        size={props.size}
        aria-label={props.label}
        checked={props.checked}
        onChange={(e) => props.onChange(e.currentTarget.checked)}
        data-testid={props.testId}
      />
    </Table.Td>
  );
}
