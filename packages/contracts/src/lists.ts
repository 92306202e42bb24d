import { z } from 'zod';

/** The most rows "select all matching" takes at once (and a bulk action accepts). */
export const MATCHING_IDS_MAX = 10_000;

/** `GET …/<list>/ids?<the list's filters>`: every row the filters match, for "select all N matching". */
export const matchingIdsSchema = z.object({
  ids: z.array(z.string()),
  /** how many rows match; more than `ids` holds when `truncated` */
  total: z.number().int(),
  truncated: z.boolean(),
});
export type MatchingIds = z.infer<typeof matchingIdsSchema>;
