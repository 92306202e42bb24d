import type { ReactNode } from 'react';
import { Button, Group, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import type { MatchingIds } from '@igny8/contracts';
import { headerCheck } from '../../lib/selection';
import type { Selection } from './useSelection';

/**
 * "Select all N matching": offered once every row on the page is picked and more rows match the
 * filters. The server answers every matching id (the list's own query), so a bulk action acts on
 * all of them, not on one page. Answers the offer to show beside the selection count (or null).
 */
export function useSelectAllMatching(opts: {
  selection: Pick<Selection, 'selected' | 'setMany'>;
  pageIds: readonly string[];
  total: number;
  noun: string;
  fetchIds: () => Promise<MatchingIds>;
}): ReactNode {
  const { selection } = opts;
  const m = useMutation({
    mutationFn: opts.fetchIds,
    onSuccess: (r) => selection.setMany(r.ids, true),
    meta: { errorTitle: 'Could not select every matching row' },
  });
  const count = selection.selected.length;
  const pageSelected = headerCheck(selection.selected, opts.pageIds) === 'all';
  if (!pageSelected || opts.total <= count) return null;
  return (
    <Group gap={6} wrap="wrap" data-testid="select-all-matching-offer">
      <Text size="sm" c="dimmed">
        All on this page are selected.
      </Text>
      <Button
        size="compact-sm"
        variant="subtle"
        loading={m.isPending}
        onClick={() => m.mutate()}
        data-testid="select-all-matching"
      >
        Select all {opts.total.toLocaleString()} matching {opts.noun}
        {opts.total === 1 ? '' : 's'}
      </Button>
    </Group>
  );
}
