import { escapeHtml, placeFigures } from '@igny8/contracts';
import { createHash } from 'node:crypto';

/**
 * Everything one publish sends, whatever the destination: the article, its images (bytes), terms,
 * SEO meta, and the marker that lets a retry find the post a timed-out attempt may have created.
 */

export interface PackageImage {
  /** stable per image: the generated image's id, or a hash of an image URL found in the body */
  key: string;
  kind: 'featured' | 'inline' | 'body';
  /** the H2 an in-article image follows */
  placement: string | null;
  position: number;
  alt: string;
  caption: string;
  data: Buffer;
  mimeType: string;
  filename: string;
  /** for a body image: the src it had in the article, which is rewritten to the uploaded copy */
  src?: string;
}

export interface PublishPackage {
  publicationId: string;
  /** written into the post body as an HTML comment, and searched for before creating a post */
  marker: string;
  contentId: string;
  title: string;
  slug: string;
  excerpt: string;
  bodyHtml: string;
  language: string;
  seo: { title: string; description: string; focusKeyword: string };
  categories: string[];
  tags: string[];
  images: PackageImage[];
  site: { name: string; url: string };
  createdAt: Date;
  updatedAt: Date;
}

export const markerOf = (publicationId: string) => `igny8:publication:${publicationId}`;

const extensions: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'image/gif': 'gif',
};
export const IMAGE_TYPES = Object.keys(extensions);

export function imageFilename(slug: string, suffix: string, mimeType: string): string {
  return `${slug}-${suffix}.${extensions[mimeType] ?? 'png'}`;
}

const imgSrc = /<img\b[^>]*?\bsrc="([^"]*)"[^>]*>/gi;
const altOf = (tag: string) => /\balt="([^"]*)"/i.exec(tag)?.[1] ?? '';

/** Images the author put in the body (data: URIs and http(s) URLs), each once, with their alt text. */
export function bodyImageSources(html: string): { src: string; alt: string; key: string }[] {
  const seen = new Map<string, { src: string; alt: string; key: string }>();
  for (const m of html.matchAll(imgSrc)) {
    const src = decodeAttr(m[1]!);
    if (!/^(data:image\/|https?:)/i.test(src) || seen.has(src)) continue;
    seen.set(src, {
      src,
      alt: decodeAttr(altOf(m[0])),
      key: `body-${createHash('sha256').update(src).digest('hex').slice(0, 24)}`,
    });
  }
  return [...seen.values()];
}

/** The bytes of a `data:image/…;base64,` URI, or undefined when it is not one of the image types. */
export function decodeDataUri(src: string): { data: Buffer; mimeType: string } | undefined {
  const m = /^data:(image\/[a-z+.-]+);base64,([a-z0-9+/=\s]+)$/i.exec(src);
  if (!m || !IMAGE_TYPES.includes(m[1]!.toLowerCase())) return undefined;
  return { data: Buffer.from(m[2]!.replace(/\s+/g, ''), 'base64'), mimeType: m[1]!.toLowerCase() };
}

function decodeAttr(s: string): string {
  return s
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/**
 * The post body: the marker, then the article with each in-article image placed after its heading
 * (as the editor's preview shows it) and each body image's src replaced by its uploaded copy. The
 * featured image is not in the body: it becomes the post's featured image.
 */
export function articleHtml(
  pkg: PublishPackage,
  uploaded: (key: string) => { id: number; url: string } | undefined,
): string {
  let body = pkg.bodyHtml.replace(imgSrc, (tag: string, src: string) => {
    const image = pkg.images.find((i) => i.kind === 'body' && i.src === decodeAttr(src));
    const media = image && uploaded(image.key);
    return media ? tag.replace(`src="${src}"`, `src="${escapeHtml(media.url)}"`) : tag;
  });
  const inline = pkg.images.filter(
    (i): i is PackageImage & { kind: 'inline' } => i.kind === 'inline' && !!uploaded(i.key),
  );
  body = placeFigures(body, inline, (img) => {
    const media = uploaded(img.key)!;
    const caption = img.caption ? `<figcaption>${escapeHtml(img.caption)}</figcaption>` : '';
    return `\n<figure class="wp-block-image"><img src="${escapeHtml(media.url)}" alt="${escapeHtml(img.alt)}" class="wp-image-${media.id}">${caption}</figure>`;
  }).html;
  return `<!-- ${pkg.marker} -->\n${body}`;
}

/** Article structured data (schema.org), with the URLs and dates the destination gave the post. */
export function articleJsonLd(
  pkg: PublishPackage,
  at: {
    url: string | null;
    imageUrl: string | null;
    authorName: string | null;
    datePublished: Date;
    dateModified: Date;
  },
): Record<string, unknown> {
  return {
    '@context': 'https://schema.org',
    '@type': 'Article',
    headline: pkg.title.slice(0, 110),
    description: pkg.seo.description || pkg.excerpt,
    inLanguage: pkg.language,
    ...(at.url ? { mainEntityOfPage: { '@type': 'WebPage', '@id': at.url }, url: at.url } : {}),
    ...(at.imageUrl ? { image: [at.imageUrl] } : {}),
    datePublished: at.datePublished.toISOString(),
    dateModified: at.dateModified.toISOString(),
    ...(at.authorName ? { author: { '@type': 'Person', name: at.authorName } } : {}),
    publisher: { '@type': 'Organization', name: pkg.site.name, url: pkg.site.url },
    ...(pkg.seo.focusKeyword ? { keywords: pkg.seo.focusKeyword } : {}),
  };
}
