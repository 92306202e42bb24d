/**
 * The article as a reader sees it: the featured image on top, each in-article image right after
 * the H2 whose text equals its `placement` (as the server places them on export). Pure string
 * work, so it runs the same in tests as in the browser.
 */

export interface PreviewImage {
  id: string;
  kind: 'featured' | 'inline';
  placement: string | null;
  position: number;
  alt: string;
  caption: string;
  /** An object URL of the fetched file; null while it loads (a placeholder takes its place). */
  src: string | null;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** A heading's text as the server compares it: tags dropped, entities decoded, spaces collapsed. */
export function headingText(innerHtml: string): string {
  return normalizeText(decodeEntities(innerHtml.replace(/<[^>]*>/g, '')));
}

function normalizeText(s: string): string {
  return s.normalize('NFC').replace(/\s+/g, ' ').trim();
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Only object URLs the preview made itself go into `src`. */
function safeSrc(src: string | null): string | null {
  return src && /^blob:/.test(src) ? src : null;
}

export function figureHtml(img: PreviewImage): string {
  const src = safeSrc(img.src);
  const media = src
    ? `<img src="${escapeHtml(src)}" alt="${escapeHtml(img.alt)}" data-testid="preview-image-${escapeHtml(img.id)}">`
    : `<div class="preview-image-loading" role="img" aria-label="${escapeHtml(img.alt)}">Loading image…</div>`;
  const caption = img.caption.trim() ? `<figcaption>${escapeHtml(img.caption)}</figcaption>` : '';
  return `<figure class="preview-figure preview-figure-${img.kind}" data-image-id="${escapeHtml(img.id)}">${media}${caption}</figure>`;
}

export interface PlacedArticle {
  html: string;
  /** In-article images whose heading is not in the body (renamed or deleted since): shown at the end. */
  unplaced: PreviewImage[];
}

export function placeImages(bodyHtml: string, images: readonly PreviewImage[]): PlacedArticle {
  const inline = images.filter((i) => i.kind === 'inline').sort((a, b) => a.position - b.position);
  const featured = images.filter((i) => i.kind === 'featured').sort((a, b) => a.position - b.position)[0];

  // Where each H2 ends, with its text; the first H2 of a given text takes that text's images.
  const h2s: { end: number; text: string }[] = [];
  for (const m of bodyHtml.matchAll(/<h2\b[^>]*>([\s\S]*?)<\/h2\s*>/gi)) {
    h2s.push({ end: m.index + m[0].length, text: headingText(m[1] ?? '') });
  }
  const after = new Map<number, PreviewImage[]>();
  const unplaced: PreviewImage[] = [];
  for (const img of inline) {
    const want = img.placement === null ? null : normalizeText(img.placement);
    const h2 = want ? h2s.find((h) => h.text === want) : undefined;
    if (!h2) {
      unplaced.push(img);
      continue;
    }
    after.set(h2.end, [...(after.get(h2.end) ?? []), img]);
  }

  let html = '';
  let from = 0;
  for (const end of [...after.keys()].sort((a, b) => a - b)) {
    html += bodyHtml.slice(from, end) + after.get(end)!.map(figureHtml).join('');
    from = end;
  }
  html += bodyHtml.slice(from);
  if (unplaced.length) html += unplaced.map(figureHtml).join('');
  if (featured) html = figureHtml(featured) + html;
  return { html, unplaced };
}
