/**
 * A count with its noun, as the product writes it everywhere (task titles, notices, summaries):
 * "1 keyword", "206 keywords", "1,200 keywords"; `many` for irregular plurals ("1 entry", "3 entries").
 */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}
