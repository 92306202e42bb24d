import { describe, expect, it } from 'vitest';
import {
  defaultKeywordFilters,
  hasKeywordFilters,
  keywordFiltersFromParams,
  keywordFiltersToParams,
  keywordListQuery,
  nextSort,
  type KeywordFilters,
} from './filters';

const CLUSTER = '3f1c2a4e-8b7d-4c1a-9e2f-0a1b2c3d4e5f';

describe('keyword filters in the URL', () => {
  it('a plain list has a plain URL', () => {
    expect(keywordFiltersToParams(defaultKeywordFilters).toString()).toBe('');
    expect(keywordFiltersFromParams(new URLSearchParams())).toEqual(defaultKeywordFilters);
  });

  it('keeps hand-edited ranges within what the API accepts (whole volumes, difficulty ≤ 100)', () => {
    const f = keywordFiltersFromParams(
      new URLSearchParams('volumeMin=1.5&volumeMax=1e308&difficultyMin=12.5&difficultyMax=900'),
    );
    expect(f).toMatchObject({ volumeMin: 2, volumeMax: 1_000_000_000, difficultyMin: 12.5, difficultyMax: 100 });
  });

  it('round-trips every filter', () => {
    const f: KeywordFilters = {
      q: 'coffee grinder',
      intent: 'commercial',
      status: 'in_idea',
      clustered: 'no',
      clusterId: CLUSTER,
      volumeMin: 100,
      volumeMax: 5000,
      difficultyMin: 0,
      difficultyMax: 40.5,
      sort: 'phrase',
      order: 'asc',
      page: 3,
      pageSize: 100,
    };
    const params = keywordFiltersToParams(f);
    expect(params.get('clustered')).toBe('0');
    expect(params.get('difficultyMin')).toBe('0');
    expect(keywordFiltersFromParams(new URLSearchParams(params.toString()))).toEqual(f);
  });

  it('drops hand-edited nonsense instead of failing', () => {
    const f = keywordFiltersFromParams(
      new URLSearchParams(
        'intent=maybe&status=x&cluster=not-a-uuid&volumeMin=-5&volumeMax=abc&sort=color&order=up&page=0&size=7&clustered=2',
      ),
    );
    expect(f).toEqual({ ...defaultKeywordFilters, page: 1 });
  });

  it('builds the API query with offset from the 1-based page', () => {
    const f = {
      ...defaultKeywordFilters,
      q: '  tea ',
      clustered: 'yes' as const,
      volumeMin: 10,
      page: 2,
      pageSize: 25,
    };
    expect(keywordListQuery(f)).toEqual({
      q: 'tea',
      clustered: '1',
      volumeMin: 10,
      sort: 'volume',
      order: 'desc',
      limit: 25,
      offset: 25,
    });
    expect(hasKeywordFilters(f)).toBe(true);
    expect(hasKeywordFilters({ ...defaultKeywordFilters, page: 4, sort: 'cpc' })).toBe(false);
  });
});

describe('header sorting', () => {
  it('flips the same column and starts new columns by kind', () => {
    expect(nextSort({ sort: 'volume', order: 'desc' }, 'volume')).toEqual({ sort: 'volume', order: 'asc' });
    expect(nextSort({ sort: 'volume', order: 'asc' }, 'cpc')).toEqual({ sort: 'cpc', order: 'desc' });
    expect(nextSort({ sort: 'volume', order: 'desc' }, 'phrase', ['phrase'])).toEqual({ sort: 'phrase', order: 'asc' });
  });
});
