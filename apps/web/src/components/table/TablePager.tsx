import { Group, NativeSelect, Pagination, Text } from '@mantine/core';
import { lastPage } from './pages';

/**
 * The footer of a server-paged list: "1–50 of 1,240 rows", page buttons and, when `onPageSize`
 * and `pageSizes` are given, the page size. `estimated`: the server estimated a long list's total ("of about 98,000").
 */
export function TablePager(props: {
  total: number;
  estimated?: boolean;
  page: number;
  pageSize: number;
  onPage: (page: number) => void;
  onPageSize?: (size: number) => void;
  pageSizes?: readonly number[];
  noun?: string;
}) {
  const { onPageSize, pageSizes } = props;
  const pages = lastPage(props.total, props.pageSize);
  const from = props.total === 0 ? 0 : (props.page - 1) * props.pageSize + 1;
  const to = Math.min(props.total, props.page * props.pageSize);
  return (
    <Group
      justify="space-between"
      px="md"
      py="sm"
      wrap="wrap"
      gap="sm"
      style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}
    >
      <Text size="sm" c="dimmed" data-testid="pager-summary">
        {from.toLocaleString()}–{to.toLocaleString()} of {props.estimated ? 'about ' : ''}
        {props.total.toLocaleString()} {props.noun ?? 'rows'}
      </Text>
      <Group gap="sm" wrap="nowrap">
        {onPageSize && pageSizes ? (
          <NativeSelect
            size="xs"
            aria-label="Rows per page"
            value={String(props.pageSize)}
            data={pageSizes.map((n) => ({ value: String(n), label: `${n} / page` }))}
            onChange={(e) => onPageSize(Number(e.currentTarget.value))}
          />
        ) : null}
        <Pagination
          size="sm"
          total={pages}
          value={Math.min(props.page, pages)}
          onChange={props.onPage}
          withEdges={pages > 5}
        />
      </Group>
    </Group>
  );
}
