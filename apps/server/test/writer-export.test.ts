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
  bodyHtml: '<h2>Step &lt;img src=x onerror=alert(5)&gt;</h2><p>Text &lt;script&gt;alert(6)&lt;/script&gt; and <a href="https://example.com">link &lt;img src=x onerror=alert(7)&gt;</a>.</p><pre><code>&lt;b&gt;code stays code&lt;/b&gt;</code></pre>',
} as unknown as Content;
const image = { id: 'i1', contentId: content.id, kind: 'featured', placement: null, position: 0, alt, caption: 'c <img src=x onerror=alert(8)>', mimeType: 'image/png' } as unknown as Image;

/** Elements of the rendered HTML that would run script: <script>, an `on…` handler, a javascript: URL (parsed as a browser would). */
function dangerous(html: string): string[] {
  const found: string[] = [];
  const parser = new Parser({
    onopentag(name, attrs) {
      if (name === 'script') found.push('<script>');
      for (const [k, v] of Object.entries(attrs)) {
        if (k.startsWith('on') || ((k === 'href' || k === 'src') && /^\s*javascript:/i.test(v))) found.push(`<${name} ${k}="${v}">`);
      }
    },
  });
  parser.write(html);
  parser.end();
  return found;
}

describe('Markdown export escapes text positions', () => {
  it('renders the title, headings, paragraph and link text and image alt as text, never as markup', () => {
    const md = exportOne(content, [{ image, data: Buffer.from('png') }], 'markdown').data.toString('utf8');
    const html = marked.parse(md, { async: false });
    expect(dangerous(html)).toEqual([]);
    // The text survives as text.
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(5)&gt;');
    expect(html).toContain('&lt;script&gt;alert(6)&lt;/script&gt;');
    expect(html).toMatch(/<h1>.*# T &lt;img/);
    expect(html).toMatch(/<img src="data:image\/png;base64,[^"]+" alt="cup\]\(javascript:alert\(2\)\) &lt;img src=x onerror=alert\(3\)&gt; \[x">/);
    expect(html).toContain('<code>&lt;b&gt;code stays code&lt;/b&gt;');
    // Front matter keeps the exact values for a YAML (or JSON) reader.
    const front = Object.fromEntries(md.split('\n---\n')[0]!.split('\n').slice(1).map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 2)]));
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
    const html = exportOne(content, [{ image, data: Buffer.from('png') }], 'html').data.toString('utf8');
    expect(dangerous(html)).toEqual([]);
    expect(html).toContain('<h1># T &lt;img src=x onerror=alert(1)&gt;</h1>');
  });
});
