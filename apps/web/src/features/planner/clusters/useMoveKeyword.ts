import { useKeywordBulk } from '../../../api/queries/keywords';
import { notifySuccess } from '../../../lib/notify';

/** Moves one keyword to another cluster, or out of any (`null`), and says so. */
export function useMoveKeyword(accountId: string, siteId: string) {
  const bulk = useKeywordBulk(accountId, siteId);
  const move = (keyword: { id: string; phrase: string }, target: { id: string; name: string } | null) =>
    bulk.mutate(
      { action: 'moveToCluster', keywordIds: [keyword.id], clusterId: target?.id ?? null },
      {
        onSuccess: () =>
          notifySuccess(
            target ? `“${keyword.phrase}” was moved to ${target.name}.` : `“${keyword.phrase}” is unclustered now.`,
          ),
      },
    );
  return { move, isPending: bulk.isPending };
}
