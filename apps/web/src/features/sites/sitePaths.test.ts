import { describe, expect, it } from 'vitest';
import { lastSiteId, onRememberedSite, pickSite, rememberSite, siteIdFromPath, switchSitePath } from './sitePaths';

describe('site paths', () => {
  it('finds the site in a URL', () => {
    expect(siteIdFromPath('/a/acc/sites/s1/keywords')).toBe('s1');
    expect(siteIdFromPath('/a/acc/sites/s1')).toBe('s1');
    expect(siteIdFromPath('/a/acc/sites')).toBeNull();
    expect(siteIdFromPath('/a/acc/members')).toBeNull();
  });

  it('keeps the sub-page when switching sites', () => {
    expect(switchSitePath('/a/acc/sites/s1/clusters', 'acc', 's2')).toBe('/a/acc/sites/s2/clusters');
    expect(switchSitePath('/a/acc/sites/s1/content/c9', 'acc', 's2')).toBe('/a/acc/sites/s2/content');
    expect(switchSitePath('/a/acc/sites/s1', 'acc', 's2')).toBe('/a/acc/sites/s2/keywords');
    expect(switchSitePath('/a/acc/sites', 'acc', 's2')).toBe('/a/acc/sites/s2/keywords');
  });

  it('remembers the last site per account', () => {
    const map = new Map<string, string>();
    const storage = {
      setItem: (k: string, v: string) => void map.set(k, v),
      getItem: (k: string) => map.get(k) ?? null,
    };
    rememberSite('a1', 's1', storage);
    rememberSite('a2', 's2', storage);
    expect(lastSiteId('a1', storage)).toBe('s1');
    expect(lastSiteId('a2', storage)).toBe('s2');
    expect(lastSiteId('a3', storage)).toBeNull();
    expect(lastSiteId('a1', undefined)).toBeNull();
  });

  it('tells the nav and the overview when the remembered site changes; survives storage that throws', () => {
    let calls = 0;
    const stop = onRememberedSite(() => calls++);
    const broken = {
      setItem: () => {
        throw new Error('denied');
      },
      getItem: () => {
        throw new Error('denied');
      },
    };
    rememberSite('a1', 's1', broken);
    expect(calls).toBe(1);
    expect(lastSiteId('a1', broken)).toBeNull();
    stop();
    rememberSite('a1', 's2', broken);
    expect(calls).toBe(1);
  });

  it('keeps the remembered site while it is in use, else the first', () => {
    expect(pickSite(['a', 'b'], 'b')).toBe('b');
    expect(pickSite(['a', 'b'], 'gone')).toBe('a');
    expect(pickSite(['a', 'b'], null)).toBe('a');
    expect(pickSite([], 'b')).toBeNull();
  });
});
