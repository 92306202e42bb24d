import { escapeHtml, placeFigures, type PlacedFigures } from '@igny8/contracts';

export interface PreviewImage {
  id: string;
  kind: 'featured' | 'inline';
  placement: string | null;
  position: number;
  alt: string;
  caption: string;
  /** An object URL of the fetched file; null while it loads (a "Loading image…" box takes its place). */
  src: string | null;
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

/** The preview's article: images placed as the server places them on export (see `placeFigures`). */
export function placeImages(bodyHtml: string, images: readonly PreviewImage[]): PlacedFigures<PreviewImage> {
  return placeFigures(bodyHtml, images, figureHtml);
}
