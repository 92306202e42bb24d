import { contentScore, lengthStatusOf, occurrences, type ScoreInput } from '@igny8/contracts';
import { describe, expect, it } from 'vitest';
import { completeOutline } from '../src/ai/functions/content-types';
import { clusterIdeas } from '../src/ai/functions/ideas';
import { keywordShape, titleFor } from '../src/ai/functions/title-shapes';
import { planBudgets } from '../src/modules/writer/section-writer';

const filler = (n: number) =>
  Array.from({ length: n }, () => '<p>Short words make this text easy to read. You can see it fast.</p>').join('');
const words = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .split(/\s+/)
    .filter(Boolean).length;

const good: ScoreInput = {
  title: 'Cold brew coffee: a step-by-step guide',
  bodyHtml:
    `<p>Cold brew coffee is coffee steeped cold for a long time. Here is how to make it well.</p>` +
    `<h2>Cold brew coffee basics</h2><p>Pick a coffee ratio of one to eight.</p>${filler(12)}` +
    `<h3>Grind size</h3><p>Use a coarse grind size so it filters well.</p>${filler(12)}` +
    `<h2>Storing it</h2><p>Keep cold brew coffee in the fridge. See <a href="/cold-brew-ratio">our ratio guide</a> and <a href="https://www.sca.coffee/research">the research</a>.</p>${filler(6)}` +
    `<figure><img src="https://example.com/jar.png" alt="A jar of cold brew"></figure>`,
  metaTitle: 'Cold brew coffee at home: the simple method',
  metaDescription:
    'Cold brew coffee at home: the ratio, the grind and how long to steep it, with the mistakes that make it bitter and how to store it for a week.',
  primaryKeyword: 'cold brew coffee',
  secondaryKeywords: ['coffee ratio', 'grind size', 'Cold Brew Coffee'],
  targetWordCount: 0,
  language: 'en',
  siteUrl: 'https://www.brew.example',
  imageAlts: ['Featured image of cold brew'],
  cannibalisedBy: [],
};
good.targetWordCount = words(good.bodyHtml);

describe('content score on fixtures with known answers', () => {
  it('a complete article scores 100, every part good', () => {
    const s = contentScore(good);
    expect(s.items.map((i) => [i.key, i.points])).toEqual([
      ['primaryKeyword', 20],
      ['clusterKeywords', 10],
      ['headings', 10],
      ['length', 15],
      ['readability', 10],
      ['metaTitle', 10],
      ['metaDescription', 10],
      ['images', 5],
      ['links', 10],
    ]);
    expect(s.score).toBe(100);
    expect(s.items.every((i) => i.status === 'good')).toBe(true);
    expect(s.readability).toMatchObject({ measure: 'flesch' });
    expect(s.items.find((i) => i.key === 'links')!.message).toBe('1 internal, 1 external');
  });

  it('says where each keyword is used: headings, first paragraph, body', () => {
    const s = contentScore(good);
    expect(s.keywords).toEqual([
      { keyword: 'cold brew coffee', primary: true, inHeadings: 1, inFirstParagraph: true, inBody: 3 },
      { keyword: 'coffee ratio', primary: false, inHeadings: 0, inFirstParagraph: false, inBody: 1 },
      { keyword: 'grind size', primary: false, inHeadings: 1, inFirstParagraph: false, inBody: 2 },
    ]);
  });

  it('an empty-handed draft scores what it earns, with the reasons', () => {
    const s = contentScore({
      ...good,
      title: 'Ein Text',
      bodyHtml: `<p>${'Das ist gut. '.repeat(33).trim()}</p><h3>Ohne Ordnung</h3>`,
      metaTitle: '',
      metaDescription: '',
      secondaryKeywords: ['kaffee'],
      targetWordCount: 1000,
      language: 'de',
      imageAlts: [],
      cannibalisedBy: [{ id: 'c1', title: 'Cold brew coffee guide' }],
    });
    const by = Object.fromEntries(s.items.map((i) => [i.key, i]));
    expect(by.primaryKeyword!.points).toBe(0);
    expect(by.primaryKeyword!.message).toMatch(/missing from the title, first paragraph, a heading/);
    expect(by.clusterKeywords).toMatchObject({ points: 0, message: '0 of 1 used; missing: kaffee' });
    // No H2 (0 of 2 wanted) and an H3 straight under the page: a skipped level.
    expect(by.headings).toMatchObject({ points: 3, status: 'poor' });
    expect(by.length).toMatchObject({ points: 0, message: '101 of 1000 words (−90 %)' });
    expect(s.readability).toEqual({ measure: 'lix', value: 4 }); // 101 words in 34 sentences, one long word
    expect(by.readability!.points).toBe(10);
    expect(by.metaTitle!.points).toBe(0);
    expect(by.images).toMatchObject({ points: 0, message: 'no images' });
    expect(by.links!.points).toBe(0);
    expect(s.score).toBe(13);
    expect(s.cannibalisation).toEqual([{ id: 'c1', title: 'Cold brew coffee guide' }]);
  });

  it('length: within ±15 % is on target, beyond it short or long; the score falls off past the band', () => {
    expect(lengthStatusOf(850, 1000)).toBe('ok');
    expect(lengthStatusOf(849, 1000)).toBe('short');
    expect(lengthStatusOf(1151, 1000)).toBe('long');
    const half = contentScore({ ...good, targetWordCount: good.targetWordCount! * 2 });
    expect(half.items.find((i) => i.key === 'length')!.points).toBeCloseTo(15 * (1 - 0.35 / 0.35), 1);
  });

  it('counts whole phrases only, ignoring case, punctuation and hyphens', () => {
    expect(occurrences('Cold-brew coffee, cold brew coffee! COLD BREW COFFEE', 'cold brew coffee')).toBe(3);
    expect(occurrences('scold brew coffees', 'cold brew coffee')).toBe(0);
  });
});

describe('content types and titles', () => {
  it('titles take the keyword’s shape', () => {
    expect(titleFor('how-to', 'compost smells bad')).toBe('Compost smells bad: a step-by-step guide');
    expect(titleFor('how-to', 'how to make compost')).toBe('How to make compost: a step-by-step guide');
    expect(titleFor('article', 'why does compost smell bad')).toBe('Why does compost smell bad? The answer, explained');
    expect(titleFor('listicle', 'best compost bins')).toBe('Best compost bins: tested picks and how to choose');
    expect(titleFor('comparison', 'tumbler vs bin')).toBe('Tumbler vs bin: which one should you choose?');
    expect(titleFor('review', 'jora composter')).toBe('Jora composter review: is it worth it?');
    expect(keywordShape('jora composter review')).toEqual({ kind: 'review', subject: 'jora composter' });
  });

  it('offline ideas pick the type the keyword asks for, with natural titles', () => {
    const { ideas } = clusterIdeas.offline({
      cluster: { name: 'Compost', description: '' },
      keywords: [
        { phrase: 'compost smells bad', volume: 100, intent: 'informational' },
        { phrase: 'tumbler vs bin', volume: 50, intent: 'informational' },
      ],
      count: 7,
      language: 'en',
      niche: null,
      existingTitles: [],
    });
    expect(ideas.map((i) => i.title)).not.toContain('How to get compost smells bad right: a step-by-step guide');
    expect(ideas[0]).toMatchObject({ title: 'Compost smells bad: a step-by-step guide', contentType: 'how-to' });
    const versus = ideas.find((i) => i.primaryKeyword === 'tumbler vs bin')!;
    expect(versus).toMatchObject({ contentType: 'comparison', title: 'Tumbler vs bin: which one should you choose?' });
  });

  it('each type gets the sections it needs; closing and FAQ sections are written by the frame', () => {
    const howTo = completeOutline('how-to', 'make compost', [
      { level: 2, text: 'Why compost' },
      { level: 2, text: 'FAQ' },
      { level: 3, text: 'Q1' },
      { level: 2, text: 'Summary' },
    ]);
    expect(howTo.outline.map((o) => o.text)).toEqual([
      'What you need',
      'Why compost',
      'How to make compost: step by step',
    ]);
    expect(howTo).toMatchObject({ faq: true, conclusion: 'Summary' });
    const review = completeOutline('review', 'jora composter', [{ level: 2, text: 'Jora composter in use' }]);
    expect(review.outline.map((o) => o.text)).toEqual([
      'Jora composter in use',
      'Pros and cons',
      'Alternatives to jora composter',
    ]);
    expect(review.conclusion).toBe('Verdict');
  });

  it('budgets: the sections share what the intro, conclusion, FAQ and headings leave, by weight', () => {
    const b = planBudgets(
      2000,
      [
        { heading: 'A b', subheadings: [] },
        { heading: 'C d', subheadings: ['E', 'F'] },
      ],
      { faq: true, conclusion: 'Summary', fixedWords: 0 },
    );
    expect(b).toMatchObject({ intro: 160, conclusion: 140, faqQuestions: 3, faq: 200 });
    const headings = 2 + 2 + 1 + 1 + 1 + 3 + 18;
    expect(b.sections[0]! + b.sections[1]!).toBeCloseTo(2000 - 160 - 140 - 200 - headings, -1);
    expect(b.sections[1]! / b.sections[0]!).toBeCloseTo(2.2, 1);
  });
});
