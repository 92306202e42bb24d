import type { ContentType } from '@igny8/contracts';

/**
 * Offline titles that read naturally: the title's shape follows the keyword's shape
 * ("how to X", a question, "best X", "X vs Y", "X review", or a plain phrase), so a problem
 * keyword never becomes "How to get compost smells bad right".
 */
export type KeywordShape =
  | { kind: 'how-to'; task: string }
  | { kind: 'question'; question: string }
  | { kind: 'best'; subject: string }
  | { kind: 'versus'; a: string; b: string }
  | { kind: 'review'; subject: string }
  | { kind: 'plain'; phrase: string };

const cap = (s: string) => s.charAt(0).toLocaleUpperCase() + s.slice(1);
const QUESTION =
  /^(what|why|when|where|which|who|whose|can|could|does|do|did|is|are|was|should|will|would|how (?!to\b))\b/i;

export function keywordShape(keyword: string): KeywordShape {
  const k = keyword.trim().replace(/\s+/g, ' ').replace(/\?+$/, '');
  let m: RegExpExecArray | null;
  if ((m = /^how to (.+)$/i.exec(k))) return { kind: 'how-to', task: m[1]! };
  if ((m = /^(.+?) (?:vs\.?|versus|or) (.+)$/i.exec(k)) && !QUESTION.test(k))
    return { kind: 'versus', a: m[1]!, b: m[2]! };
  if (QUESTION.test(k) || keyword.trim().endsWith('?')) return { kind: 'question', question: k };
  if ((m = /^(?:the )?(?:best|top) (.+)$/i.exec(k))) return { kind: 'best', subject: m[1]! };
  if ((m = /^(.+) reviews?$/i.exec(k))) return { kind: 'review', subject: m[1]! };
  return { kind: 'plain', phrase: k };
}

/** The content type a keyword's shape asks for, when it asks for one. */
export function naturalType(shape: KeywordShape): ContentType | null {
  return {
    'how-to': 'how-to',
    question: 'article',
    best: 'listicle',
    versus: 'comparison',
    review: 'review',
    plain: null,
  }[shape.kind] as ContentType | null;
}

/** A title of the given type for the keyword, in a shape that fits the keyword. Contains the keyword. */
export function titleFor(type: ContentType, keyword: string, listSize = 7): string {
  const s = keywordShape(keyword);
  const k = keyword.trim().replace(/\?+$/, '');
  switch (s.kind) {
    case 'how-to':
      return type === 'listicle'
        ? `${cap(k)}: ${listSize} tips that work`
        : type === 'pillar'
          ? `${cap(k)}: the complete guide`
          : `${cap(k)}: a step-by-step guide`;
    case 'question':
      return type === 'listicle'
        ? `${cap(k)}? ${listSize} things to know`
        : type === 'pillar'
          ? `${cap(k)}? The complete guide`
          : `${cap(k)}? The answer, explained`;
    case 'versus':
      return type === 'comparison' || type === 'review'
        ? `${cap(k)}: which one should you choose?`
        : `${cap(k)}: the differences that matter`;
    case 'best':
      return type === 'listicle' || type === 'comparison'
        ? `${cap(k)}: tested picks and how to choose`
        : `${cap(k)}: what to look for`;
    case 'review':
      return `${cap(k)}: is it worth it?`;
    case 'plain':
      switch (type) {
        case 'how-to':
          return `${cap(k)}: a step-by-step guide`;
        case 'listicle':
          return `${cap(k)}: ${listSize} tips from the experts`;
        case 'comparison':
          return `${cap(k)} compared: which option fits you?`;
        case 'review':
          return `${cap(k)} review: is it worth it?`;
        case 'pillar':
          return `${cap(k)}: the complete guide`;
        default:
          return `${cap(k)}: what you need to know`;
      }
  }
}
