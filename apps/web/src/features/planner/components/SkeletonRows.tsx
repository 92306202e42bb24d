import { Skeleton, Table } from '@mantine/core';

export function SkeletonRows({ cols, rows = 6 }: { cols: number; rows?: number }) {
  return (
    <>
      {Array.from({ length: rows }, (_, i) => (
        <Table.Tr key={i} data-testid="skeleton-row">
          {Array.from({ length: cols }, (_, j) => (
            <Table.Td key={j}>
              <Skeleton h={18} w={j === 1 ? '80%' : '60%'} />
            </Table.Td>
          ))}
        </Table.Tr>
      ))}
    </>
  );
}
