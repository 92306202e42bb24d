import { describe, expect, it } from 'vitest';
import { clusterListQuery, clusterStateFromParams, clusterStateToParams, defaultClusterState } from './clusterParams';

describe('cluster list state in the URL', () => {
  it('round-trips and leaves defaults out', () => {
    expect(clusterStateToParams(defaultClusterState).toString()).toBe('');
    const s = { q: 'grinders', sort: 'name' as const, order: 'asc' as const, page: 2, pageSize: 25, open: 'c1' };
    expect(clusterStateFromParams(new URLSearchParams(clusterStateToParams(s).toString()))).toEqual(s);
  });

  it('ignores unknown sort fields and builds the API query', () => {
    const s = clusterStateFromParams(new URLSearchParams('sort=ideas&order=sideways&page=3'));
    expect(s).toEqual({ ...defaultClusterState, page: 3 });
    expect(clusterListQuery(s)).toEqual({ q: undefined, sort: 'totalVolume', order: 'desc', limit: 50, offset: 100 });
  });
});
