import type { Content, Image } from '@igny8/contracts';
import { unzipSync, strFromU8 } from 'fflate';
import { Parser } from 'htmlparser2';
import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { exportMany, exportOne } from '../src/modules/writer/export';

/** Markdown exports are rendered by whatever opens them; `marked` (a common renderer) passes raw HTML through. */
const title = '# T <img src=x onerror=alert(1)>';
const alt = 'cup](javascript:alert(2)) <img src=x onerror=alert(3)> [x';
const content = {
  id: '00000000-0000-4000-8000-000000000001',
  slug: 'payload',
  title,
  metaTitle: title,
  metaDescription: 'd <script>alert(4)</script>',
  primaryKeyword: 'k',
  excerpt: '',
  bodyHtml:
    '<h2>Step &lt;img src=x onerror=alert(5)&gt;</h2><p>Text &lt;script&gt;alert(6)&lt;/script&gt; and <a href="https://example.com">link &lt;img src=x onerror=alert(7)&gt;</a>.</p><pre><code>&lt;b&gt;code stays code&lt;/b&gt;</code></pre>',
} as unknown as Content;
const image = {
  id: 'i1',
  contentId: content.id,
  kind: 'featured',
  placement: null,
  position: 0,
  alt,
  caption: 'c <img src=x onerror=alert(8)>',
  mimeType: 'image/png',
} as unknown as Image;

/** Elements of the rendered HTML that would run script: <script>, an `on…` handler, a javascript: URL (parsed as a browser would). */
function dangerous(html: string): string[] {
  const found: string[] = [];
  const parser = new Parser({
    onopentag(name, attrs) {
      if (name === 'script') found.push('<script>');
      for (const [k, v] of Object.entries(attrs)) {
        if (k.startsWith('on') || ((k === 'href' || k === 'src') && /^\s*javascript:/i.test(v)))
          found.push(`<${name} ${k}="${v}">`);
      }
    },
  });
  parser.write(html);
  parser.end();
  return found;
}

describe('Markdown export escapes text positions', () => {
  it('renders the title, headings, paragraph and link text and image alt as text, never as markup', () => {
    const md = strFromU8(
      unzipSync(exportOne(content, [{ image, data: Buffer.from('png') }], 'markdown').data)['payload.md']!,
    );
    const html = marked.parse(md, { async: false });
    expect(dangerous(html)).toEqual([]);
    // The text survives as text.
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(5)&gt;');
    expect(html).toContain('&lt;script&gt;alert(6)&lt;/script&gt;');
    expect(html).toMatch(/<h1>.*# T &lt;img/);
    expect(html).toMatch(
      /<img src="images\/payload-0.png" alt="cup\]\(javascript:alert\(2\)\) &lt;img src=x onerror=alert\(3\)&gt; \[x">/,
    );
    expect(html).toContain('<code>&lt;b&gt;code stays code&lt;/b&gt;');
    // Front matter keeps the exact values for a YAML (or JSON) reader.
    const front = Object.fromEntries(
      md
        .split('\n---\n')[0]!
        .split('\n')
        .slice(1)
        .map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 2)]),
    );
    expect(JSON.parse(front.title!)).toBe(title);
    expect(JSON.parse(front.description!)).toBe(content.metaDescription);
  });

  it('does the same in the zip of several articles', () => {
    const zip = unzipSync(exportMany([{ content, images: [{ image, data: Buffer.from('png') }] }], 'markdown'));
    const html = marked.parse(strFromU8(zip['payload.md']!), { async: false });
    expect(dangerous(html)).toEqual([]);
    expect(html).toContain('alt="cup](javascript:alert(2)) &lt;img src=x onerror=alert(3)&gt; [x"');
  });

  it('keeps the HTML export escaped as before', () => {
    const html = strFromU8(
      unzipSync(exportOne(content, [{ image, data: Buffer.from('png') }], 'html').data)['payload.html']!,
    );
    expect(dangerous(html)).toEqual([]);
    expect(html).toContain('<h1># T &lt;img src=x onerror=alert(1)&gt;</h1>');
  });
});

describe('single-article export', () => {
  const article = {
    ...content,
    slug: 'cold-brew',
    title: 'Cold brew at home',
    metaTitle: 'Cold Brew at Home: the Guide',
    metaDescription: 'How to make it',
    bodyHtml:
      '<p>Intro.</p><ul><li><p>Coarse grind</p></li><li><p>Cold water</p><ul><li><p>filtered</p></li></ul></li><li><p>12 hours</p></li></ul><ol start="3"><li><p>Strain</p></li><li><p>Serve</p></li></ol><p>Done.</p>',
  } as unknown as Content;
  const jpeg = { ...image, contentId: article.id, mimeType: 'image/jpeg', position: 1 } as unknown as Image;

  it('writes its images as files in a zip like the export of several articles, never base64 inline', () => {
    const file = exportOne(article, [{ image: jpeg, data: Buffer.from('jpeg bytes') }], 'markdown');
    expect(file).toMatchObject({ filename: 'cold-brew-markdown.zip', mime: 'application/zip' });
    const zip = unzipSync(file.data);
    expect(Object.keys(zip).sort()).toEqual(['cold-brew.md', 'images/cold-brew-1.jpg']);
    expect(strFromU8(zip['images/cold-brew-1.jpg']!)).toBe('jpeg bytes');
    const md = strFromU8(zip['cold-brew.md']!);
    expect(md).toContain('](images/cold-brew-1.jpg)');
    expect(md).not.toContain('base64');
    const html = exportOne(article, [{ image: jpeg, data: Buffer.from('jpeg bytes') }], 'html');
    expect(Object.keys(unzipSync(html.data)).sort()).toEqual(['cold-brew.html', 'images/cold-brew-1.jpg']);
  });

  it('is a single file when the article has no images', () => {
    expect(exportOne(article, [], 'markdown')).toMatchObject({
      filename: 'cold-brew.md',
      mime: 'text/markdown; charset=utf-8',
    });
    expect(exportOne(article, [], 'html')).toMatchObject({
      filename: 'cold-brew.html',
      mime: 'text/html; charset=utf-8',
    });
  });

  it('gives the HTML <title> and the Markdown front-matter title the same value', () => {
    const html = exportOne(article, [], 'html').data.toString('utf8');
    const md = exportOne(article, [], 'markdown').data.toString('utf8');
    expect(html).toContain('<title>Cold Brew at Home: the Guide</title>');
    expect(md).toContain('title: "Cold Brew at Home: the Guide"');
  });

  it('writes tight Markdown lists: one line per item, nested items under their parent', () => {
    const md = exportOne(article, [], 'markdown').data.toString('utf8');
    expect(md).toContain(
      'Intro.\n\n- Coarse grind\n- Cold water\n  - filtered\n- 12 hours\n\n3. Strain\n4. Serve\n\nDone.',
    );
    // A renderer sees tight lists: no <p> inside the items.
    const html = marked.parse(md, { async: false });
    expect(html).toContain('<li>Coarse grind</li>');
    expect(html).not.toMatch(/<li>\s*<p>/);
  });
});
