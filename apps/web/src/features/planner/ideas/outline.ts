import type { OutlineItem } from '@igny8/contracts';

/** An outline row while it is edited: a stable key for React besides the heading itself. */
export interface OutlineRow extends OutlineItem {
  key: string;
}

export const MAX_OUTLINE_ITEMS = 40;
export const MAX_HEADING = 200;

let nextKey = 0;
const newKey = () => `row-${++nextKey}`;

export function toRows(outline: OutlineItem[]): OutlineRow[] {
  return outline.map((item) => ({ ...item, key: newKey() }));
}

export function toOutline(rows: OutlineRow[]): OutlineItem[] {
  return rows.map(({ level, text }) => ({ level, text: text.trim() }));
}

/** A new row after `index` (at the end when absent); H3 when it follows an H3, else H2. */
export function addRow(rows: OutlineRow[], index = rows.length - 1): OutlineRow[] {
  const prev = rows[index];
  const row: OutlineRow = { key: newKey(), level: prev?.level === 3 ? 3 : 2, text: '' };
  return [...rows.slice(0, index + 1), row, ...rows.slice(index + 1)];
}

export function removeRow(rows: OutlineRow[], index: number): OutlineRow[] {
  return rows.filter((_, i) => i !== index);
}

/** Moves one row up (-1) or down (+1); out-of-range moves change nothing. */
export function moveRow(rows: OutlineRow[], index: number, delta: -1 | 1): OutlineRow[] {
  const to = index + delta;
  if (index < 0 || index >= rows.length || to < 0 || to >= rows.length) return rows;
  const next = [...rows];
  [next[index], next[to]] = [next[to]!, next[index]!];
  return next;
}

export function updateRow(rows: OutlineRow[], index: number, patch: Partial<OutlineItem>): OutlineRow[] {
  return rows.map((r, i) => (i === index ? { ...r, ...patch } : r));
}

/** What stops the outline from being saved, in words the editor shows. */
export function outlineProblems(rows: OutlineItem[]): string[] {
  const problems: string[] = [];
  if (rows.length > MAX_OUTLINE_ITEMS) problems.push(`An outline has at most ${MAX_OUTLINE_ITEMS} headings.`);
  if (rows[0]?.level === 3) problems.push('The outline must start with an H2; an H3 belongs under an H2.');
  const empty = rows.filter((r) => !r.text.trim()).length;
  if (empty) problems.push(`${empty} heading${empty === 1 ? ' is' : 's are'} empty.`);
  if (rows.some((r) => r.text.trim().length > MAX_HEADING))
    problems.push(`Headings are at most ${MAX_HEADING} characters.`);
  return problems;
}
