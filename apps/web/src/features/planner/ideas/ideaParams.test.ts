import { describe, expect, it } from 'vitest';
import { defaultIdeaState, ideaListQuery, ideaStateFromParams, ideaStateToParams } from './ideaParams';

describe('idea list state in the URL', () => {
  it('round-trips cluster, status, sort, page and the open idea', () => {
    expect(ideaStateToParams(defaultIdeaState).toString()).toBe('');
    const s = {
      q: '',
      clusterId: 'c1',
      status: 'queued' as const,
      sort: 'title' as const,
      order: 'asc' as const,
      page: 2,
      pageSize: 100,
      open: 'i9',
    };
    expect(ideaStateFromParams(new URLSearchParams(ideaStateToParams(s).toString()))).toEqual(s);
  });

  it('drops an unknown status or sort and pages by offset', () => {
    const s = ideaStateFromParams(new URLSearchParams('status=published&sort=summary&page=2&size=25'));
    expect(s.status).toBeNull();
    expect(ideaListQuery(s)).toEqual({
      q: undefined,
      clusterId: undefined,
      status: undefined,
      sort: 'createdAt',
      order: 'desc',
      limit: 25,
      offset: 25,
    });
  });
});
