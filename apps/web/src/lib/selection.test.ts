import { describe, expect, it } from 'vitest';
import { headerCheck, setIds, toggleAll, toggleId } from './selection';

describe('row selection', () => {
  it('toggles one id in and out, keeping the order rows were picked', () => {
    expect(toggleId(['b'], 'a')).toEqual(['b', 'a']);
    expect(toggleId(['b', 'a'], 'b')).toEqual(['a']);
  });

  it('reports the header checkbox state for the visible rows only', () => {
    expect(headerCheck([], ['a', 'b'])).toBe('none');
    expect(headerCheck(['a', 'x'], ['a', 'b'])).toBe('some');
    expect(headerCheck(['b', 'a'], ['a', 'b'])).toBe('all');
    expect(headerCheck(['a'], [])).toBe('none');
  });

  it('select-all adds the visible rows and keeps rows picked on other pages', () => {
    expect(toggleAll(['x', 'a'], ['a', 'b', 'c'])).toEqual(['x', 'a', 'b', 'c']);
  });

  it('select-all with every visible row picked drops only those rows', () => {
    expect(toggleAll(['x', 'a', 'b'], ['a', 'b'])).toEqual(['x']);
  });

  it('puts a list of ids in or out, keeping the place of ids already picked', () => {
    expect(setIds(['b', 'a'], ['a', 'c', 'c'], true)).toEqual(['b', 'a', 'c']);
    expect(setIds(['b', 'a', 'c'], ['a', 'x'], false)).toEqual(['b', 'c']);
  });
});
