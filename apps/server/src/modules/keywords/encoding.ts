import { analyse } from 'chardet';
import iconv from 'iconv-lite';

type Chunk = Buffer | string;
const asBuffer = (c: Chunk) => (typeof c === 'string' ? Buffer.from(c) : c);

/** Bytes looked at to tell the encoding (a few lines of any keyword export). */
const SNIFF_BYTES = 16 * 1024;

/** UTF-16 without a byte-order mark: ASCII text leaves a zero byte in every other position. */
function utf16ByZeros(head: Buffer): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(head.length - (head.length % 2), 4096);
  if (n < 4) return null;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (head[i] === 0) even++;
    if (head[i + 1] === 0) odd++;
  }
  const pairs = n / 2;
  if (odd > pairs * 0.3 && even < pairs * 0.05) return 'utf-16le';
  if (even > pairs * 0.3 && odd < pairs * 0.05) return 'utf-16be';
  return null;
}

/** Whether the bytes are UTF-8, allowing a character cut at the end of the sample. */
function isUtf8(head: Buffer, complete: boolean): boolean {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    decoder.decode(head, { stream: !complete });
    return true;
  } catch {
    return false;
  }
}

/**
 * The encoding of a keyword export from its first bytes: a byte-order mark (Google Keyword
 * Planner and Ahrefs write UTF-16LE with one), UTF-16 by its zero bytes, UTF-8 when the bytes
 * are valid UTF-8, otherwise chardet's best single-byte guess (Excel's Windows-1252 or
 * ISO-8859-x saves of a French or German list).
 */
export function detectEncoding(head: Buffer, complete: boolean): string {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  const utf16 = utf16ByZeros(head);
  if (utf16) return utf16;
  if (isUtf8(head, complete)) return 'utf-8';
  const guess = analyse(head).find((m) => !/^utf-?(8|16|32)/i.test(m.name) && iconv.encodingExists(m.name));
  return guess?.name.toLowerCase() ?? 'windows-1252';
}

/**
 * The source re-encoded as UTF-8 (byte-order marks dropped), decoding as the bytes arrive.
 * UTF-8 input passes through untouched. Calls `onEncoding` once the encoding is known.
 */
export async function* asUtf8(
  source: AsyncIterable<Chunk>,
  onEncoding?: (encoding: string) => void,
): AsyncGenerator<Buffer> {
  const it = source[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let headBytes = 0;
  let ended = false;
  while (headBytes < SNIFF_BYTES) {
    const next = await it.next();
    if (next.done) {
      ended = true;
      break;
    }
    const b = asBuffer(next.value);
    head.push(b);
    headBytes += b.length;
  }
  const sample = Buffer.concat(head);
  const encoding = detectEncoding(sample, ended);
  onEncoding?.(encoding);
  if (encoding === 'utf-8') {
    yield sample;
    if (!ended) for (let next = await it.next(); !next.done; next = await it.next()) yield asBuffer(next.value);
    return;
  }
  // iconv-lite strips the byte-order mark and keeps a character split across chunks for the next one.
  const decoder = iconv.getDecoder(encoding);
  const out = (s: string | undefined) => (s ? Buffer.from(s, 'utf8') : null);
  const first = out(decoder.write(sample));
  if (first) yield first;
  if (!ended) {
    for (let next = await it.next(); !next.done; next = await it.next()) {
      const b = out(decoder.write(asBuffer(next.value)));
      if (b) yield b;
    }
  }
  const rest = out(decoder.end());
  if (rest) yield rest;
}
