import OpenAI from 'openai';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { z } from 'zod';
import { download } from '../../net/download';
import { extractJson } from '../json';
import { ProviderError } from './errors';
import type {
  CallUsage,
  EmbeddingProvider,
  GeneratedImage,
  ImageProvider,
  ImageRequest,
  ResolvedSettings,
  TextProvider,
  TextRequest,
} from './types';

function client(s: ResolvedSettings): OpenAI {
  return new OpenAI({
    // Local OpenAI-compatible servers often need no key; the SDK insists on one.
    apiKey: s.apiKey ?? 'no-key',
    baseURL: s.baseUrl ?? undefined,
    maxRetries: 0, // retries are the task engine's (withProviderRetry), so 429s do not spend attempts
    timeout: (s.options.timeoutSeconds ?? 120) * 1000,
    // Every request goes through the outbound policy (net/outbound): an account's base URL may not reach private addresses.
    fetch: s.outbound.policy.fetcher({ trusted: s.outbound.trusted }),
  });
}

/** What "Test connection" asks a text model for, in the settings' output mode. */
const connectionCheck = z.object({ status: z.literal('ok').describe('always "ok"') });

/** Media types an image download may have; anything else is not stored. */
export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'] as const;

/** A 200 whose body is not the API's JSON (an HTML page, a text answer) is a wrong URL, and its body is not shown. */
function notOpenAi(what: string): ProviderError {
  return new ProviderError('bad_request', `The server did not answer like an OpenAI-compatible API (${what})`);
}

/**
 * Text through OpenAI or any OpenAI-compatible server. Output modes: `structured`
 * (json_schema), `json` (json_object, for servers without schema support) and
 * `plain` (instructions only); replies are always read tolerantly and validated,
 * with one repair round when they do not fit the schema.
 */
export class OpenAiTextProvider implements TextProvider {
  readonly kind;
  readonly model;
  private readonly openai: OpenAI;
  private readonly mode: 'structured' | 'json' | 'plain';

  constructor(private readonly settings: ResolvedSettings) {
    this.kind = settings.provider;
    this.model = settings.model;
    this.openai = client(settings);
    this.mode = settings.options.outputMode ?? (settings.provider === 'openai' ? 'structured' : 'json');
  }

  /** Instructions and response format for the output mode: only `structured` carries the schema outside the prompt. */
  private messages(system: string, prompt: string, jsonSchema: Record<string, unknown>): ChatCompletionMessageParam[] {
    const instructions =
      this.mode === 'structured'
        ? system
        : `${system}\n\nAnswer with one JSON value only, no prose, matching this JSON Schema:\n${JSON.stringify(jsonSchema)}`;
    return [
      { role: 'system', content: instructions },
      { role: 'user', content: prompt },
    ];
  }

  async generate<T>(req: TextRequest<T>, onUsage: (u: CallUsage) => void): Promise<T> {
    const jsonSchema = z.toJSONSchema(req.schema, { target: 'draft-7' }) as Record<string, unknown>;
    const messages = this.messages(req.system, req.prompt, jsonSchema);
    const first = await this.complete(messages, req.schemaName, jsonSchema, onUsage);
    const parsed = this.read(first, req.schema);
    if (parsed.ok) return parsed.value;

    // One repair round: show the model its answer and what was wrong with it.
    messages.push(
      { role: 'assistant', content: first },
      {
        role: 'user',
        content: `Your answer could not be used: ${parsed.problem}. Reply again with only the corrected JSON.`,
      },
    );
    const second = await this.complete(messages, req.schemaName, jsonSchema, onUsage);
    const repaired = this.read(second, req.schema);
    if (repaired.ok) return repaired.value;
    throw new ProviderError(
      'invalid_output',
      `The model's answer was not valid ${req.schemaName} JSON: ${repaired.problem}`,
    );
  }

  /**
   * A real call in the chosen output mode with a tiny schema and no repair round: a server or model
   * that does not follow the mode fails here, at "Test connection", not in the first task.
   */
  async ping(): Promise<void> {
    const jsonSchema = z.toJSONSchema(connectionCheck, { target: 'draft-7' }) as Record<string, unknown>;
    const messages = this.messages(
      'You answer connection checks.',
      'Connection check: answer with status "ok".',
      jsonSchema,
    );
    const content = await this.complete(messages, 'connection_check', jsonSchema, () => undefined, 50);
    const parsed = this.read(content, connectionCheck);
    if (!parsed.ok) {
      throw new ProviderError(
        'invalid_output',
        `The model's answer to a small JSON check did not follow Output mode “${this.mode}”: ${parsed.problem}`,
      );
    }
  }

  private async complete(
    messages: ChatCompletionMessageParam[],
    name: string,
    schema: Record<string, unknown>,
    onUsage: (u: CallUsage) => void,
    maxTokens?: number,
  ): Promise<string> {
    const started = Date.now();
    const res = await this.openai.chat.completions.create({
      model: this.model,
      messages,
      ...(maxTokens ? { max_completion_tokens: maxTokens } : {}),
      ...(this.mode === 'structured'
        ? { response_format: { type: 'json_schema' as const, json_schema: { name, schema, strict: false } } }
        : this.mode === 'json'
          ? { response_format: { type: 'json_object' as const } }
          : {}),
    });
    onUsage({
      provider: this.kind,
      model: res.model || this.model,
      inputTokens: res.usage?.prompt_tokens ?? 0,
      outputTokens: res.usage?.completion_tokens ?? 0,
      images: 0,
      latencyMs: Date.now() - started,
    });
    if (!Array.isArray((res as { choices?: unknown } | null)?.choices)) throw notOpenAi('no chat completion');
    const choice = res.choices[0];
    if (choice?.message.refusal) throw new ProviderError('content_policy', choice.message.refusal);
    return choice?.message.content ?? '';
  }

  private read<T>(content: string, schema: z.ZodType<T>): { ok: true; value: T } | { ok: false; problem: string } {
    const json = extractJson(content);
    if (json === undefined) return { ok: false, problem: 'it is not valid JSON' };
    const result = schema.safeParse(json);
    if (result.success) return { ok: true, value: result.data };
    return {
      ok: false,
      problem: result.error.issues
        .slice(0, 5)
        .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
        .join('; '),
    };
  }
}

/** Images through OpenAI (gpt-image-1, dall-e-3) or a compatible server. */
export class OpenAiImageProvider implements ImageProvider {
  readonly kind;
  readonly model;
  private readonly openai: OpenAI;

  constructor(private readonly settings: ResolvedSettings) {
    this.kind = settings.provider;
    this.model = settings.model;
    this.openai = client(settings);
  }

  async generate(req: ImageRequest, onUsage: (u: CallUsage) => void): Promise<GeneratedImage> {
    const started = Date.now();
    const gptImage = this.model.startsWith('gpt-image');
    const res = await this.openai.images.generate({
      model: this.model,
      prompt: req.prompt,
      n: 1,
      size: (req.size ?? this.settings.options.size ?? '1024x1024') as '1024x1024',
      ...(req.quality && req.quality !== 'auto' ? { quality: req.quality as 'high' } : {}),
      // gpt-image-1 always answers base64 and rejects response_format.
      ...(gptImage ? {} : { response_format: 'b64_json' as const }),
    });
    if (typeof res !== 'object' || res === null) throw notOpenAi('no image result');
    const first = res.data?.[0];
    let image: { data: Buffer; mimeType: string };
    if (first?.b64_json) image = { data: Buffer.from(first.b64_json, 'base64'), mimeType: 'image/png' };
    else if (first?.url) {
      // The URL comes from the provider's answer: same policy and trust as the provider itself.
      const { policy, trusted, imageMaxBytes } = this.settings.outbound;
      image = await download(policy, first.url, { contentTypes: IMAGE_TYPES, maxBytes: imageMaxBytes }, { trusted });
    } else throw new ProviderError('invalid_output', 'The provider answered without an image');
    onUsage({
      provider: this.kind,
      model: this.model,
      inputTokens: res.usage?.input_tokens ?? 0,
      outputTokens: res.usage?.output_tokens ?? 0,
      images: 1,
      latencyMs: Date.now() - started,
    });
    return { ...image, ...(first.revised_prompt ? { revisedPrompt: first.revised_prompt } : {}) };
  }

  async ping(): Promise<void> {
    // The raw response: the SDK would read a 200 HTML page as an empty model list.
    const res = await this.openai.models.list().asResponse();
    const body = (res.headers.get('content-type') ?? '').includes('json')
      ? ((await res.json().catch(() => null)) as { data?: unknown } | null)
      : null;
    if (!Array.isArray(body?.data)) throw notOpenAi('no model list');
  }
}

/**
 * Dimensions asked of OpenAI's text-embedding-3 models, which shorten their vectors on request:
 * 256 keep most of the quality for short phrases at a sixth of the storage and compute of 1,536.
 */
export const EMBEDDING_DIMENSIONS = 256;

/** Embeddings through OpenAI (text-embedding-3-small) or a compatible server (Ollama's nomic-embed-text, vLLM…). */
export class OpenAiEmbeddingProvider implements EmbeddingProvider {
  readonly kind;
  readonly model;
  private readonly openai: OpenAI;

  constructor(settings: ResolvedSettings) {
    this.kind = settings.provider;
    this.model = settings.model;
    this.openai = client(settings);
  }

  async embed(texts: readonly string[], onUsage: (u: CallUsage) => void): Promise<Float32Array[]> {
    if (texts.length === 0) return [];
    const started = Date.now();
    const res = await this.openai.embeddings.create({
      model: this.model,
      input: [...texts],
      encoding_format: 'float',
      ...(this.model.startsWith('text-embedding-3') ? { dimensions: EMBEDDING_DIMENSIONS } : {}),
    });
    onUsage({
      provider: this.kind,
      model: res.model || this.model,
      inputTokens: res.usage?.prompt_tokens ?? 0,
      outputTokens: 0,
      images: 0,
      latencyMs: Date.now() - started,
    });
    if (!Array.isArray((res as { data?: unknown } | null)?.data)) throw notOpenAi('no embeddings');
    const out: Float32Array[] = new Array(texts.length);
    let dim = -1;
    for (const [i, d] of res.data.entries()) {
      const at = typeof d.index === 'number' ? d.index : i;
      const v = d.embedding as unknown;
      if (!Array.isArray(v) || v.length === 0 || at < 0 || at >= texts.length || out[at]) {
        throw new ProviderError('invalid_output', 'The provider answered with malformed embeddings');
      }
      if (dim === -1) dim = v.length;
      if (v.length !== dim || !v.every((x) => typeof x === 'number' && Number.isFinite(x))) {
        throw new ProviderError('invalid_output', 'The provider answered with embeddings of mixed or invalid sizes');
      }
      out[at] = Float32Array.from(v as number[]);
    }
    if (out.filter(Boolean).length !== texts.length) {
      throw new ProviderError(
        'invalid_output',
        `The provider answered ${res.data.length} embeddings for ${texts.length} texts`,
      );
    }
    return out;
  }

  async ping(): Promise<void> {
    await this.embed(['connection check'], () => undefined);
  }
}
