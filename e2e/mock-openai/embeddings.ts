// POST /v1/embeddings: deterministic vectors, so clustering on them is repeatable.
import { createHash } from 'node:crypto';
import { badRequest } from './errors';
import { isRecord } from './http-util';
import { fromError, ok, type Reply } from './reply';

/** text-embedding-3-small's length when the request names no `dimensions`. */
const DEFAULT_DIMENSIONS = 1536;
const MAX_DIMENSIONS = 3072;
const MAX_INPUTS = 2048;

const words = (text: string) =>
  text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map((w) => (w.length > 3 && w.endsWith('s') ? w.slice(0, -1) : w));

/** A pseudo-random direction per word (a hash seeds its signs and positions). */
function addWord(v: Float64Array, word: string): void {
  const h = createHash('sha256').update(word).digest();
  for (let i = 0; i + 2 < h.length; i += 3) v[((h[i]! << 8) | h[i + 1]!) % v.length]! += h[i + 2]! & 1 ? 1 : -1;
}

/**
 * Vectors of words: texts sharing words point the same way, as a real model's roughly do. A test
 * that needs meaning beyond words ("latte" near "cappuccino") pins a text's vector with `pin`.
 */
export class EmbeddingModel {
  private readonly pinned = new Map<string, number[]>();

  /** From now on `text` (case and spacing ignored) embeds as `vector` (cut or zero-padded to the length asked). */
  pin(text: string, vector: readonly number[]): void {
    this.pinned.set(key(text), [...vector]);
  }

  reset(): void {
    this.pinned.clear();
  }

  embed(body: unknown): Reply {
    if (!isRecord(body)) return fromError(badRequest('We could not parse the JSON body of your request.'));
    const input = typeof body.input === 'string' ? [body.input] : body.input;
    if (!Array.isArray(input) || input.length === 0 || !input.every((x) => typeof x === 'string' && x !== '')) {
      return fromError(badRequest("'input' : input must be a non-empty string or array of strings", 'input'));
    }
    if (input.length > MAX_INPUTS) {
      return fromError(badRequest(`'input' : maximum ${MAX_INPUTS} inputs per request`, 'input'));
    }
    const dims = body.dimensions === undefined ? DEFAULT_DIMENSIONS : Number(body.dimensions);
    if (!Number.isInteger(dims) || dims < 1 || dims > MAX_DIMENSIONS) {
      return fromError(badRequest(`Invalid 'dimensions': ${String(body.dimensions)}`, 'dimensions'));
    }
    const model = typeof body.model === 'string' ? body.model : 'text-embedding-3-small';
    // The SDKs ask for base64 (little-endian float32) unless told otherwise; the API's default is float.
    const base64 = body.encoding_format === 'base64';
    let tokens = 0;
    const data = (input as string[]).map((text, index) => {
      tokens += Math.max(1, words(text).length);
      const v = this.vector(text, dims);
      const embedding = base64 ? Buffer.from(Float32Array.from(v).buffer).toString('base64') : v;
      return { object: 'embedding', index, embedding };
    });
    return ok({ object: 'list', data, model, usage: { prompt_tokens: tokens, total_tokens: tokens } });
  }

  private vector(text: string, dims: number): number[] {
    const pinned = this.pinned.get(key(text));
    if (pinned) return Array.from({ length: dims }, (_, i) => pinned[i] ?? 0);
    const v = new Float64Array(dims);
    for (const w of words(text)) addWord(v, w);
    const norm = Math.hypot(...v) || 1;
    return Array.from(v, (x) => Math.round((x / norm) * 1e6) / 1e6);
  }
}

const key = (text: string) => text.toLowerCase().replace(/\s+/g, ' ').trim();
