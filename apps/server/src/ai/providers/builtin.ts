import { Resvg } from '@resvg/resvg-js';
import { escapeHtml } from '@igny8/contracts';
import { ProviderError } from './errors';
import type { CallUsage, GeneratedImage, ImageProvider, ImageRequest, TextProvider, TextRequest } from './types';

/**
 * The offline text provider. It has no model: every AI function carries its own
 * deterministic template (`offline`), which the function runner uses instead.
 */
export class BuiltinTextProvider implements TextProvider {
  readonly kind = 'builtin' as const;
  constructor(readonly model: string) {}

  async generate<T>(req: TextRequest<T>, _onUsage: (u: CallUsage) => void): Promise<T> {
    throw new ProviderError('bad_request', `The offline provider has no template for ${req.schemaName}`);
  }

  async ping(): Promise<void> {}
}

const palettes = [
  ['#0f172a', '#38bdf8'],
  ['#1e1b4b', '#a78bfa'],
  ['#052e16', '#4ade80'],
  ['#431407', '#fb923c'],
  ['#3f0d12', '#f472b6'],
];

/** Greedy word wrap to at most `maxLines` lines of about `width` characters. */
export function wrapTitle(text: string, width: number, maxLines: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && (line + ' ' + word).length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  if (lines.length > maxLines) {
    lines.length = maxLines;
    lines[maxLines - 1] = `${lines[maxLines - 1]!.replace(/\s*\S*$/, '')}…`;
  }
  return lines;
}

/** The offline image provider: a rendered title card (PNG) for the prompt's title. */
export class TitleCardImageProvider implements ImageProvider {
  readonly kind = 'builtin' as const;
  constructor(readonly model: string) {}

  async generate(req: ImageRequest, onUsage: (u: CallUsage) => void): Promise<GeneratedImage> {
    const started = Date.now();
    const [w, h] = (req.size ?? '1536x1024').split('x').map(Number) as [number, number];
    const width = Number.isFinite(w) && w > 0 ? Math.min(w, 2048) : 1536;
    const height = Number.isFinite(h) && h > 0 ? Math.min(h, 2048) : 1024;
    const title = req.prompt.split('\n')[0]!.slice(0, 160);
    let hash = 0;
    for (const ch of title) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
    const [bg, accent] = palettes[hash % palettes.length]!;
    const fontSize = Math.round(width / 18);
    const lines = wrapTitle(title, Math.floor(width / (fontSize * 0.55)), 4);
    const top = height / 2 - ((lines.length - 1) * fontSize * 1.2) / 2;
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
  <rect width="100%" height="100%" fill="${bg}"/>
  <rect x="${width * 0.08}" y="${height * 0.12}" width="${width * 0.12}" height="${fontSize / 5}" fill="${accent}"/>
  ${lines
    .map(
      (l, i) =>
        `<text x="${width * 0.08}" y="${top + i * fontSize * 1.2}" font-family="Liberation Sans, DejaVu Sans, sans-serif" font-weight="bold" font-size="${fontSize}" fill="#ffffff">${escapeHtml(l)}</text>`,
    )
    .join('\n  ')}
  <text x="${width * 0.08}" y="${height * 0.9}" font-family="Liberation Sans, DejaVu Sans, sans-serif" font-size="${fontSize / 2.5}" fill="${accent}">Title card · generated offline by igny8</text>
</svg>`;
    const png = new Resvg(svg, { font: { loadSystemFonts: true, defaultFontFamily: 'Liberation Sans' } })
      .render()
      .asPng();
    onUsage({
      provider: 'builtin',
      model: this.model,
      inputTokens: 0,
      outputTokens: 0,
      images: 1,
      latencyMs: Date.now() - started,
    });
    return { data: Buffer.from(png), mimeType: 'image/png' };
  }

  async ping(): Promise<void> {}
}
