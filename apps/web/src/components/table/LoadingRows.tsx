import { Skeleton, Table } from '@mantine/core';

/** Skeleton rows, one bar across all `colSpan` columns each, while a table loads. */
export function LoadingRows({ colSpan, rows = 4 }: { colSpan: number; rows?: number }) {
  return (
    <>
      {Array.from({ length: rows }, (_, i) => (
        <Table.Tr key={i}>
          <Table.Td colSpan={colSpan}>
            <Skeleton h={28} />
          </Table.Td>
        </Table.Tr>
      ))}
    </>
  );
}
