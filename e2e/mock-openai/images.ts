// POST /v1/images/generations, and GET /files/<id>.png for url responses.
import { randomUUID } from 'node:crypto';
import { badRequest } from './errors';
import { isRecord } from './http-util';
import { colourFor, solidPng } from './png';
import { fromError, ok, type Reply } from './reply';

const MAX_SIDE = 2048;

function dimensions(size: unknown): [number, number] {
  const match = typeof size === 'string' ? /^(\d+)x(\d+)$/.exec(size) : null;
  if (!match) return [1024, 1024]; // 'auto' or absent
  const side = (v: string) => Math.min(Math.max(Number(v), 1), MAX_SIDE);
  return [side(match[1]!), side(match[2]!)];
}

export class ImageStore {
  private readonly files = new Map<string, Buffer>();
  private readonly pngs = new Map<string, Buffer>();

  /** `fileBaseUrl` is the mock's origin, e.g. http://127.0.0.1:4010 (url responses point at /files/<id>.png). */
  generate(body: unknown, fileBaseUrl: string): Reply {
    if (!isRecord(body)) return fromError(badRequest('We could not parse the JSON body of your request.'));
    const { prompt } = body;
    if (typeof prompt !== 'string' || prompt === '') {
      return fromError(badRequest("Missing required parameter: 'prompt'.", 'prompt', 'missing_required_parameter'));
    }
    const model = typeof body.model === 'string' ? body.model : 'dall-e-2';
    const gptImage = model.startsWith('gpt-image');
    const asUrl = !gptImage && body.response_format === 'url';
    const n = Number.isInteger(body.n) && (body.n as number) > 0 ? Math.min(body.n as number, 10) : 1;
    const [width, height] = dimensions(body.size);
    const png = this.png(width, height, prompt);

    const data = Array.from({ length: n }, () => {
      const item: Record<string, string> = {};
      if (asUrl) {
        const id = randomUUID();
        this.files.set(id, png);
        item.url = `${fileBaseUrl}/files/${id}.png`;
      } else {
        item.b64_json = png.toString('base64');
      }
      if (model === 'dall-e-3') item.revised_prompt = `A detailed illustration of: ${prompt}`;
      return item;
    });

    const reply: Record<string, unknown> = { created: Math.floor(Date.now() / 1000), data };
    if (gptImage) {
      const textTokens = Math.max(1, Math.ceil(prompt.length / 4));
      const outputTokens = 272 * n;
      reply.size = `${width}x${height}`;
      reply.output_format = 'png';
      reply.usage = {
        input_tokens: textTokens,
        input_tokens_details: { text_tokens: textTokens, image_tokens: 0 },
        output_tokens: outputTokens,
        total_tokens: textTokens + outputTokens,
      };
    }
    return ok(reply);
  }

  file(id: string): Buffer | undefined {
    return this.files.get(id);
  }

  private png(width: number, height: number, prompt: string): Buffer {
    const colour = colourFor(prompt);
    const key = `${width}x${height}:${colour.join(',')}`;
    let png = this.pngs.get(key);
    if (!png) {
      png = solidPng(width, height, colour);
      this.pngs.set(key, png);
    }
    return png;
  }
}
