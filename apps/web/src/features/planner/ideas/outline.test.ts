import { describe, expect, it } from 'vitest';
import { addRow, moveRow, outlineProblems, removeRow, toOutline, toRows, updateRow } from './outline';

const base = () =>
  toRows([
    { level: 2, text: 'Why grind fresh' },
    { level: 3, text: 'Aroma' },
    { level: 2, text: 'Choosing a grinder' },
  ]);

describe('outline editing', () => {
  it('keeps a stable, unique key per row', () => {
    const rows = base();
    expect(new Set(rows.map((r) => r.key)).size).toBe(3);
    const moved = moveRow(rows, 0, 1);
    expect(moved.map((r) => r.key)).toEqual([rows[1]!.key, rows[0]!.key, rows[2]!.key]);
  });

  it('adds a row after a given one, with the level of an H3 neighbour', () => {
    const rows = base();
    const afterH3 = addRow(rows, 1);
    expect(toOutline(afterH3)).toEqual([
      { level: 2, text: 'Why grind fresh' },
      { level: 3, text: 'Aroma' },
      { level: 3, text: '' },
      { level: 2, text: 'Choosing a grinder' },
    ]);
    expect(toOutline(addRow(rows)).at(-1)).toEqual({ level: 2, text: '' });
    expect(toOutline(addRow([]))).toEqual([{ level: 2, text: '' }]);
  });

  it('removes, moves within bounds and updates rows', () => {
    const rows = base();
    expect(toOutline(removeRow(rows, 1)).map((r) => r.text)).toEqual(['Why grind fresh', 'Choosing a grinder']);
    expect(moveRow(rows, 0, -1)).toBe(rows);
    expect(moveRow(rows, 2, 1)).toBe(rows);
    expect(toOutline(moveRow(rows, 2, -1)).map((r) => r.text)).toEqual([
      'Why grind fresh',
      'Choosing a grinder',
      'Aroma',
    ]);
    expect(toOutline(updateRow(rows, 1, { level: 2, text: '  Taste ' }))[1]).toEqual({ level: 2, text: 'Taste' });
  });

  it('reports what blocks saving', () => {
    expect(outlineProblems(toOutline(base()))).toEqual([]);
    expect(
      outlineProblems([
        { level: 3, text: 'x' },
        { level: 2, text: ' ' },
      ]),
    ).toEqual(['The outline must start with an H2; an H3 belongs under an H2.', '1 heading is empty.']);
    expect(outlineProblems(Array.from({ length: 41 }, () => ({ level: 2 as const, text: 'a' })))).toHaveLength(1);
  });
});
