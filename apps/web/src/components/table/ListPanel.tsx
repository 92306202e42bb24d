import type { ReactNode } from 'react';
import { Paper } from '@mantine/core';
import { QueryError } from '../QueryError';

type ListQuery = {
  isError: boolean;
  error: unknown;
  isSuccess: boolean;
  isPlaceholderData: boolean;
  refetch: () => unknown;
};

/**
 * The bordered panel of a list page: the query's error instead of the panel, else the table
 * (`children`), `empty` when the loaded list has no rows, and an optional footer such as a pager.
 * `dim` fades the panel while a page change still shows the previous page (`isPlaceholderData` in TanStack Query).
 */
export function ListPanel(props: {
  query: ListQuery;
  isEmpty: boolean;
  empty: ReactNode;
  dim?: boolean;
  footer?: ReactNode;
  children: ReactNode;
}) {
  const q = props.query;
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  return (
    <Paper
      withBorder
      radius="md"
      style={props.dim ? { opacity: q.isPlaceholderData ? 0.6 : 1, transition: 'opacity 120ms' } : undefined}
    >
      {props.children}
      {q.isSuccess && props.isEmpty ? props.empty : null}
      {props.footer}
    </Paper>
  );
}
