import { strToU8, zipSync } from 'fflate';
import TurndownService from 'turndown';
import { escapeHtml, placeFigures, type Content, type Image } from '@igny8/contracts';

export interface ExportImage {
  image: Image;
  data: Buffer;
}

const turndown = new TurndownService({ headingStyle: 'atx', bulletListMarker: '-' });

/**
 * Text in a Markdown position (heading, paragraph and link text, image alt): `&`, `<`, `>`
 * as entities, so no renderer ever sees a tag in it (Markdown passes raw HTML through),
 * then turndown's own escaping of Markdown syntax (`[`, `]`, `*`, `#`…), so alt or link
 * text cannot close its brackets and smuggle markup in after them.
 */
const markdownSyntaxEscape = turndown.escape.bind(turndown);
const markdownText = (s: string) =>
  markdownSyntaxEscape(s.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;')));
// Every text node of the body goes through it; code keeps its literal text (renderers show code as text).
turndown.escape = markdownText;
/**
 * Tight lists: "- item", one line each. Turndown's own rule pads the marker ("-   item") and keeps the blank
 * line a paragraph inside an item brings; editors wrap every item in <p>, so each list came out loose.
 * Nested lists and continuation lines are indented to the item's text.
 */
turndown.addRule('listItem', {
  filter: 'li',
  replacement: (content, node, options) => {
    const parent = node.parentNode as unknown as {
      nodeName: string;
      getAttribute(name: string): string | null;
      children: ArrayLike<unknown>;
    } | null;
    let marker = `${options.bulletListMarker ?? '-'} `;
    if (parent?.nodeName === 'OL') {
      const start = Number(parent.getAttribute('start') ?? '1');
      marker = `${(Number.isFinite(start) ? start : 1) + Array.prototype.indexOf.call(parent.children, node)}. `;
    }
    const text = content
      .replace(/^\n+/, '')
      .replace(/\n+$/, '')
      .replace(/\n{2,}/g, '\n')
      .replace(/\n/g, `\n${' '.repeat(marker.length)}`);
    return `${marker}${text}${node.nextSibling ? '\n' : ''}`;
  },
});
turndown.addRule('image', {
  filter: 'img',
  replacement: (_content, node) => {
    const img = node as unknown as { getAttribute(name: string): string | null };
    // Our srcs are relative file names (nothing to escape); the alt text is the author's.
    const src = img.getAttribute('src') ?? '';
    if (!src) return '';
    const alt = markdownText((img.getAttribute('alt') ?? '').replace(/\s+/g, ' '));
    return `![${alt}](${src})`;
  },
});

/** The article body with its images placed as the preview shows them (`placeFigures`). */
function placeImages(bodyHtml: string, imgs: (Image & { src: string })[]): string {
  const figure = (img: Image & { src: string }) =>
    img.kind === 'featured'
      ? `<figure><img src="${img.src}" alt="${escapeHtml(img.alt)}"></figure>\n`
      : `\n<figure><img src="${img.src}" alt="${escapeHtml(img.alt)}"><figcaption>${escapeHtml(img.caption)}</figcaption></figure>`;
  return placeFigures(bodyHtml, imgs, figure).html;
}

/** The document's title, the same in the HTML `<title>` and the Markdown front matter: the SEO title when set. */
const documentTitle = (c: Content) => c.metaTitle.trim() || c.title;

function htmlDocument(c: Content, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(documentTitle(c))}</title>
<meta name="description" content="${escapeHtml(c.metaDescription)}">
</head>
<body>
<article>
<h1>${escapeHtml(c.title)}</h1>
${body}
</article>
</body>
</html>
`;
}

/**
 * A YAML double-quoted string (JSON's escapes are YAML's) with `<`, `>`, `&` as \u escapes: the
 * same value for a front-matter parser, inert text for a renderer that shows front matter as Markdown.
 */
const yamlString = (s: string) =>
  JSON.stringify(s).replace(/[<>&]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

function markdownDocument(c: Content, body: string): string {
  const front = [
    '---',
    `title: ${yamlString(documentTitle(c))}`,
    `slug: ${c.slug}`,
    `description: ${yamlString(c.metaDescription)}`,
    `keyword: ${yamlString(c.primaryKeyword)}`,
    '---',
    '',
  ];
  return `${front.join('\n')}\n# ${markdownText(c.title.replace(/\s+/g, ' '))}\n\n${turndown.turndown(body)}\n`;
}

const imageExtensions: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'image/gif': 'gif',
};

/** Where an article's image lives in an export: images/<slug>-<position>.<ext>. */
const imagePath = (c: Content, image: Image) =>
  `images/${c.slug}-${image.position}.${imageExtensions[image.mimeType ?? ''] ?? 'png'}`;

export interface ExportFile {
  filename: string;
  mime: string;
  data: Buffer;
}

/**
 * One article: without images, its file alone; with images, a zip like the export of several articles (the file
 * and its images under images/), never images inlined as base64.
 */
export function exportOne(c: Content, imgs: ExportImage[], format: 'markdown' | 'html'): ExportFile {
  if (imgs.length > 0)
    return {
      filename: `${c.slug}-${format}.zip`,
      mime: 'application/zip',
      data: exportMany([{ content: c, images: imgs }], format),
    };
  return format === 'html'
    ? { filename: `${c.slug}.html`, mime: 'text/html; charset=utf-8', data: Buffer.from(htmlDocument(c, c.bodyHtml)) }
    : {
        filename: `${c.slug}.md`,
        mime: 'text/markdown; charset=utf-8',
        data: Buffer.from(markdownDocument(c, c.bodyHtml)),
      };
}

/** Several articles: a zip with one file each and their images under images/. */
export function exportMany(items: { content: Content; images: ExportImage[] }[], format: 'markdown' | 'html'): Buffer {
  const files: Record<string, Uint8Array> = {};
  for (const { content, images } of items) {
    const placed = placeImages(
      content.bodyHtml,
      images.map(({ image }) => ({ ...image, src: imagePath(content, image) })),
    );
    for (const { image, data } of images) files[imagePath(content, image)] = new Uint8Array(data);
    files[`${content.slug}.${format === 'html' ? 'html' : 'md'}`] = strToU8(
      format === 'html' ? htmlDocument(content, placed) : markdownDocument(content, placed),
    );
  }
  return Buffer.from(zipSync(files, { level: 6 }));
}
