import { matchingIdsSchema, type MatchingIds } from '@igny8/contracts';
import { api } from '../client';
import { toSearch } from './keywords';

/** Every id a list's filters match (`<listPath>/ids`): what "select all N matching" selects. */
export function fetchMatchingIds(listPath: string, filters: object): Promise<MatchingIds> {
  const { limit: _limit, offset: _offset, ...rest } = filters as { limit?: unknown; offset?: unknown };
  return api(`${listPath}/ids${toSearch(rest)}`, { schema: matchingIdsSchema });
}
