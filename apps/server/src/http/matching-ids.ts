import { MATCHING_IDS_MAX, type MatchingIds } from '@igny8/contracts';

/**
 * "Select all N matching": the ids of every row a list's filters match, in the list's order, read
 * through the list's own query (same tenant scope and filters), up to MATCHING_IDS_MAX.
 */
export async function matchingIds(
  list: (page: { limit: number; offset: number }) => Promise<{ items: { id: string }[]; total: number }>,
): Promise<MatchingIds> {
  const { items, total } = await list({ limit: MATCHING_IDS_MAX, offset: 0 });
  return { ids: items.map((i) => i.id), total, truncated: total > items.length };
}
