// Answers of a chosen length: HTML fields (named `…html`/`…Html`) get that many words of plain prose.
import type { AnswerLength, ChatRequest } from './types';

const vocabulary =
  'the right tool makes every step simpler so start with a clear plan and check each result before you move on because small changes add up over time and careful notes help you repeat what works'.split(
    ' ',
  );

/** `words` words of prose in <p> paragraphs of about 60 words, sentences of 12. */
export function proseHtml(words: number): string {
  const out: string[] = [];
  let paragraph: string[] = [];
  for (let n = 0; n < words; n++) {
    let w = vocabulary[n % vocabulary.length]!;
    if (n % 12 === 0) w = w.charAt(0).toUpperCase() + w.slice(1);
    if (n % 12 === 11 || n === words - 1) w += '.';
    paragraph.push(w);
    if (paragraph.length === 60) {
      out.push(`<p>${paragraph.join(' ')}</p>`);
      paragraph = [];
    }
  }
  if (paragraph.length) out.push(`<p>${paragraph.join(' ')}</p>`);
  return out.join('\n');
}

function allText(req: ChatRequest): string {
  return req.messages.map((m) => (typeof m.content === 'string' ? m.content : '')).join('\n');
}

/**
 * Words asked for a field, as a capable model reads them: on the line naming the field
 * ("- html: … about 300 words"), else the first "N words" of the request, else 200.
 */
export function wordsAskedFor(req: ChatRequest, field: string): number {
  const text = allText(req);
  const line = new RegExp(`\\b${field}\\b[^\\n]*?(\\d[\\d,]*) words`).exec(text);
  const any = /(\d[\d,]*) words/.exec(text);
  const found = line?.[1] ?? any?.[1];
  return found ? Number(found.replace(/,/g, '')) : 200;
}

/** The text of an HTML field under the set answer length, or undefined for a normal sample. */
export function lengthyField(
  req: ChatRequest,
  length: AnswerLength | undefined,
): ((label: string) => string | undefined) | undefined {
  if (!length) return undefined;
  return (label) => {
    if (!/html$/i.test(label)) return undefined;
    const words =
      'words' in length
        ? length.words
        : Math.min(length.maxWords ?? Infinity, Math.round(wordsAskedFor(req, label) * length.ratio));
    return proseHtml(Math.max(1, words));
  };
}
