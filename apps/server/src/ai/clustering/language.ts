/**
 * Stemmer and stop words per language. Imported statically (not on demand) so the
 * engine stays synchronous; each module is a few kB.
 */
import { stemmer as da } from '@orama/stemmers/danish';
import { stemmer as de } from '@orama/stemmers/german';
import { stemmer as en } from '@orama/stemmers/english';
import { stemmer as es } from '@orama/stemmers/spanish';
import { stemmer as fi } from '@orama/stemmers/finnish';
import { stemmer as fr } from '@orama/stemmers/french';
import { stemmer as it } from '@orama/stemmers/italian';
import { stemmer as nl } from '@orama/stemmers/dutch';
import { stemmer as no } from '@orama/stemmers/norwegian';
import { stemmer as pt } from '@orama/stemmers/portuguese';
import { stemmer as ru } from '@orama/stemmers/russian';
import { stemmer as sv } from '@orama/stemmers/swedish';
import { stemmer as tr } from '@orama/stemmers/turkish';
import { stopwords as daStop } from '@orama/stopwords/danish';
import { stopwords as deStop } from '@orama/stopwords/german';
import { stopwords as enStop } from '@orama/stopwords/english';
import { stopwords as esStop } from '@orama/stopwords/spanish';
import { stopwords as fiStop } from '@orama/stopwords/finnish';
import { stopwords as frStop } from '@orama/stopwords/french';
import { stopwords as itStop } from '@orama/stopwords/italian';
import { stopwords as nlStop } from '@orama/stopwords/dutch';
import { stopwords as noStop } from '@orama/stopwords/norwegian';
import { stopwords as ptStop } from '@orama/stopwords/portuguese';
import { stopwords as ruStop } from '@orama/stopwords/russian';
import { stopwords as svStop } from '@orama/stopwords/swedish';
import { stopwords as trStop } from '@orama/stopwords/turkish';

export interface LanguageTools {
  stem: (word: string) => string;
  isStopWord: (word: string) => boolean;
  /** Words that end a head-final noun phrase (English only for now). */
  prepositions: ReadonlySet<string>;
  /**
   * Known search facets (comparison, price, locality, quality words) that are never
   * weighed as entities, whatever the list suggests. Only a floor under the learned
   * facet score (facets.ts), which does the real work in every language.
   */
  facets: ReadonlySet<string>;
}

/** Facets for every language: comparisons are written the same way everywhere. */
const COMMON_FACETS = ['vs', 'versus', 'v'];
const FACETS: Record<string, string[]> = {
  en: 'best top cheap price prices cost near me review reviews buy online sale deals vs versus how what why when guide ideas tips'.split(
    ' ',
  ),
  de: 'beste bester bestes test vergleich preis preise kosten günstig kaufen online in der nähe erfahrungen anleitung tipps wie was wann'.split(
    ' ',
  ),
};

const EN_PREPOSITIONS = new Set(
  'for with without in on under near vs versus to from by at of like between over than'.split(' '),
);
const NONE = new Set<string>();

const TABLE: Record<string, [(w: string) => string, string[]]> = {
  da: [da, daStop],
  de: [de, deStop],
  en: [en, enStop],
  es: [es, esStop],
  fi: [fi, fiStop],
  fr: [fr, frStop],
  it: [it, itStop],
  nl: [nl, nlStop],
  no: [no, noStop],
  nb: [no, noStop],
  pt: [pt, ptStop],
  ru: [ru, ruStop],
  sv: [sv, svStop],
  tr: [tr, trStop],
};

const cache = new Map<string, LanguageTools>();

/** Accepts 'en', 'en-US', 'EN_gb'…; unknown languages get identity stemming and no stop words. */
export function languageTools(language = 'en'): LanguageTools {
  const code = language.toLowerCase().split(/[-_]/)[0] ?? 'en';
  const hit = cache.get(code);
  if (hit) return hit;
  const entry = TABLE[code];
  const tools: LanguageTools = entry
    ? {
        stem: safeStemmer(entry[0]),
        isStopWord: setLookup(entry[1]),
        prepositions: code === 'en' ? EN_PREPOSITIONS : NONE,
        facets: new Set([...COMMON_FACETS, ...(FACETS[code] ?? [])]),
      }
    : { stem: (w) => w, isStopWord: () => false, prepositions: NONE, facets: new Set(COMMON_FACETS) };
  cache.set(code, tools);
  return tools;
}

function setLookup(words: string[]): (w: string) => boolean {
  const set = new Set(words.map((w) => w.normalize('NFKC').toLowerCase()));
  return (w) => set.has(w);
}

/**
 * Snowball stemmers only know their own alphabet; digits, emoji or foreign scripts
 * pass through. Very long "words" are left alone: stemming them buys nothing and
 * some generated stemmers are quadratic in the worst case.
 */
function safeStemmer(stem: (w: string) => string): (w: string) => string {
  return (w) => {
    if (w.length < 3 || w.length > 40 || !/\p{L}/u.test(w)) return w;
    const s = stem(w);
    return s.length > 0 ? s : w;
  };
}
