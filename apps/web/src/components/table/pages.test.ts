import { describe, expect, it } from 'vitest';
import { clampPage, lastPage } from './pages';

describe('lastPage', () => {
  it('counts a partly filled page and is 1 when there are no rows', () => {
    expect(lastPage(0, 50)).toBe(1);
    expect(lastPage(1, 50)).toBe(1);
    expect(lastPage(50, 50)).toBe(1);
    expect(lastPage(51, 50)).toBe(2);
    expect(lastPage(100, 25)).toBe(4);
  });
});

describe('clampPage', () => {
  it('keeps a page that exists', () => {
    expect(clampPage(2, 120, 50)).toBe(2);
    expect(clampPage(3, 120, 50)).toBe(3);
  });

  it('moves a page past the end back to the last page', () => {
    // The last row of page 3 was deleted: 100 rows are two pages.
    expect(clampPage(3, 100, 50)).toBe(2);
    expect(clampPage(7, 0, 50)).toBe(1);
  });

  it('moves a page below 1 to 1', () => {
    expect(clampPage(0, 120, 50)).toBe(1);
    expect(clampPage(-2, 0, 50)).toBe(1);
  });
});
