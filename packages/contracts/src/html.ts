/**
 * Article HTML shared by the server (export, drafts, title cards) and the web preview, so an
 * image lands after the same heading in both.
 */

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** Text for HTML/SVG text or a double-quoted attribute, escaped the way sanitize-html writes it. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => entities[c]!);
}

const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
    }
    return named[name.toLowerCase()] ?? whole;
  });
}

function normalizeText(s: string): string {
  return s.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** A heading's text as placements are compared: tags dropped, entities decoded, spaces collapsed. */
export function headingText(innerHtml: string): string {
  return normalizeText(decodeEntities(innerHtml.replace(/<[^>]*>/g, '')));
}

export interface PlaceableImage {
  kind: 'featured' | 'inline';
  /** the H2 text an in-article image follows */
  placement: string | null;
  position: number;
}

export interface PlacedFigures<T> {
  html: string;
  /** In-article images whose heading is not in the body (renamed or deleted since): put at the end. */
  unplaced: T[];
}

/**
 * The article as a reader sees it: the featured image first, each in-article image right after
 * the first H2 whose text equals its placement (several in position order), the rest at the end.
 * `figure` renders one image.
 */
export function placeFigures<T extends PlaceableImage>(
  bodyHtml: string,
  images: readonly T[],
  figure: (img: T) => string,
): PlacedFigures<T> {
  const byPosition = (a: T, b: T) => a.position - b.position;
  const inline = images.filter((i) => i.kind === 'inline').sort(byPosition);
  const featured = images.filter((i) => i.kind === 'featured').sort(byPosition)[0];

  const h2s: { end: number; text: string }[] = [];
  for (const m of bodyHtml.matchAll(/<h2\b[^>]*>([\s\S]*?)<\/h2\s*>/gi)) {
    h2s.push({ end: m.index + m[0].length, text: headingText(m[1] ?? '') });
  }
  const after = new Map<number, T[]>();
  const unplaced: T[] = [];
  for (const img of inline) {
    const want = img.placement === null ? null : normalizeText(img.placement);
    const h2 = want ? h2s.find((h) => h.text === want) : undefined;
    if (h2) after.set(h2.end, [...(after.get(h2.end) ?? []), img]);
    else unplaced.push(img);
  }

  let html = '';
  let from = 0;
  for (const end of [...after.keys()].sort((a, b) => a - b)) {
    html += bodyHtml.slice(from, end) + after.get(end)!.map(figure).join('');
    from = end;
  }
  html += bodyHtml.slice(from) + unplaced.map(figure).join('');
  return { html: featured ? figure(featured) + html : html, unplaced };
}
