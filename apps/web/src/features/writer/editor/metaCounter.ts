/** Search engines cut titles and descriptions past these lengths; the server refuses longer ones. */
export const META_TITLE_LIMIT = 60;
export const META_DESCRIPTION_LIMIT = 160;

export type CounterTone = 'ok' | 'near' | 'over';

/** Within this share of the limit the counter warns that little room is left. */
const NEAR_SHARE = 0.9;

export interface CounterState {
  length: number;
  limit: number;
  label: string;
  tone: CounterTone;
  over: boolean;
}

/**
 * The live "42/60" shown under a meta field. Counts exactly as the server's limit does (trimmed,
 * UTF-16 units), so a field shown within the limit is never refused on save.
 */
export function metaCounter(value: string, limit: number): CounterState {
  const length = value.trim().length;
  const tone: CounterTone = length > limit ? 'over' : length >= Math.ceil(limit * NEAR_SHARE) ? 'near' : 'ok';
  return { length, limit, label: `${length}/${limit}`, tone, over: tone === 'over' };
}

export const toneColor: Record<CounterTone, string> = { ok: 'dimmed', near: 'orange', over: 'red' };
