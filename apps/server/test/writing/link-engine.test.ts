import { describe, expect, it } from 'vitest';
import {
  findAnchor,
  insertLink,
  orphans,
  slugOfHref,
  suggestLinks,
  type LinkArticle,
} from '../../src/modules/links/engine';
import { renderPrompt, variablesIn } from '../../src/ai/prompts/templates';
import { unknownVariables } from '../../src/ai/prompts/registry';

const article = (id: string, over: Partial<LinkArticle> = {}): LinkArticle => ({
  id,
  title: `Article ${id}`,
  slug: `article-${id}`,
  primaryKeyword: `keyword ${id}`,
  secondaryKeywords: [],
  clusterId: null,
  bodyHtml: '<p>Nothing here.</p>',
  ...over,
});

describe('internal-link engine', () => {
  it('finds anchors as whole words in body text, never in headings or links, whatever the case', () => {
    const html =
      '<h2>French press</h2><p>A <a href="/x/">french press</a> again; frenchpress no; the French  Press yes.</p>';
    expect(findAnchor(html, ['french press'])).toBe('French Press');
    expect(findAnchor('<h2>French press</h2>', ['french press'])).toBeNull();
  });

  it('inserts the link where the anchor is, also when the text carries entities', () => {
    const html = '<p>Salt &amp; pepper: season salt &amp; pepper well.</p>';
    expect(insertLink(html, 'salt & pepper', 'https://s.example/salt/')).toBe(
      '<p><a href="https://s.example/salt/">Salt &amp; pepper</a>: season salt &amp; pepper well.</p>',
    );
    expect(insertLink('<p>none</p>', 'salt', '/x/')).toBeNull();
  });

  it('scores primary keyword, cluster and shared keywords; leaves out itself and rejected targets', () => {
    const source = article('s', {
      clusterId: 'c1',
      secondaryKeywords: ['keyword b'],
      bodyHtml: '<p>About keyword a and keyword b and Article c.</p>',
    });
    const a = article('a', { clusterId: 'c1' });
    const b = article('b');
    const c = article('c');
    const out = suggestLinks(source, [source, a, b, c], 'https://site.example/');
    expect(out.map((s) => [s.targetContentId, s.score, s.anchor])).toEqual([
      ['a', 8, 'keyword a'],
      ['b', 6, 'keyword b'],
      ['c', 2, 'Article c'],
    ]);
    expect(out[0]!.href).toBe('https://site.example/article-a/');
    expect(
      suggestLinks(source, [a, b, c], 'https://site.example', new Set(['a', 'c'])).map((s) => s.targetContentId),
    ).toEqual(['b']);
  });

  it('counts inbound links by slug, absolute or relative, not from the article itself', () => {
    const x = article('x', {
      bodyHtml: '<p><a href="https://site.example/article-y/?utm=1">y</a> <a href="/article-x/">self</a></p>',
    });
    const y = article('y', { bodyHtml: '<p><a href="article-x">x</a></p>' });
    const z = article('z');
    expect(orphans([x, y, z]).map((o) => [o.article.id, o.outbound])).toEqual([['z', 0]]);
    expect(slugOfHref('https://site.example/blog/Article-Y/#top')).toBe('article-y');
  });
});

describe('prompt templates', () => {
  it('names each variable once and fills only known ones; braces that are not names stay text', () => {
    const text = {
      system: 'In {language}. JSON: { "a": 1 }',
      prompt: '{keyword} and {keyword} {Not_a_var} {unknown_one}',
    };
    expect(variablesIn(text)).toEqual(['language', 'keyword', 'unknown_one']);
    expect(renderPrompt(text, { language: 'de', keyword: 'Kaffee' })).toEqual({
      system: 'In de. JSON: { "a": 1 }',
      prompt: 'Kaffee and Kaffee {Not_a_var} {unknown_one}',
    });
    expect(unknownVariables('article', text)).toEqual(['unknown_one']);
    expect(unknownVariables('image_prompts', { system: '{brand_voice}', prompt: '{headings}' })).toEqual([
      'brand_voice',
    ]);
  });
});
