import { normalizePhrase, type KeywordInput } from '@igny8/contracts';

export interface ParsedKeywordLines {
  keywords: KeywordInput[];
  /** lines repeating an earlier phrase (case and spacing ignored) */
  duplicates: number;
  errors: { line: number; message: string }[];
}

const MAX_PHRASE = 300;
const MAX_VOLUME = 1_000_000_000;
/** "phrase, 1200", "phrase; 1 200", "phrase<TAB>1,200": a trailing number after a separator is the volume. */
const WITH_VOLUME = /^(.*?)\s*[,;\t]\s*(\d[\d\s.,_']*)$/u;

function parseVolume(raw: string): number | null {
  const digits = raw.replace(/[\s.,_']/gu, '');
  const n = Number(digits);
  return Number.isSafeInteger(n) ? n : null;
}

function unquote(s: string): string {
  const t = s.trim();
  return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1).replace(/""/g, '"').trim() : t;
}

/** The "Add keywords" textarea: one keyword per line, optionally followed by its search volume. */
export function parseKeywordLines(text: string): ParsedKeywordLines {
  const seen = new Set<string>();
  const result: ParsedKeywordLines = { keywords: [], duplicates: 0, errors: [] };
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    const trimmed = raw.trim();
    if (!trimmed) return;
    const m = WITH_VOLUME.exec(trimmed);
    const phrase = unquote(m ? m[1]! : trimmed);
    const volume = m ? parseVolume(m[2]!) : null;
    if (!phrase) return void result.errors.push({ line, message: 'The keyword is empty' });
    if (phrase.length > MAX_PHRASE) return void result.errors.push({ line, message: `Longer than ${MAX_PHRASE} characters` });
    if (m && (volume === null || volume > MAX_VOLUME)) return void result.errors.push({ line, message: 'The volume is not a valid number' });
    const key = normalizePhrase(phrase);
    if (seen.has(key)) return void (result.duplicates += 1);
    seen.add(key);
    result.keywords.push(volume === null ? { phrase } : { phrase, volume });
  });
  return result;
}
