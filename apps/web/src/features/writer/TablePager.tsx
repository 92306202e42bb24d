import { Group, Pagination, Text } from '@mantine/core';

/** "41–50 of 73" and page buttons under a server-paged table; nothing when one page holds all. */
export function TablePager(props: { total: number; pageSize: number; page: number; onPage: (page: number) => void }) {
  const pages = Math.ceil(props.total / props.pageSize);
  if (pages <= 1) return null;
  const first = (props.page - 1) * props.pageSize + 1;
  const last = Math.min(props.total, props.page * props.pageSize);
  return (
    <Group justify="space-between" mt="sm">
      <Text size="xs" c="dimmed">
        {first}–{last} of {props.total}
      </Text>
      <Pagination size="sm" total={pages} value={props.page} onChange={props.onPage} />
    </Group>
  );
}
