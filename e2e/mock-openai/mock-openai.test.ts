import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { crc32, inflateSync } from 'node:zlib';
import OpenAI, {
  APIConnectionError,
  APIConnectionTimeoutError,
  AuthenticationError,
  BadRequestError,
  InternalServerError,
  NotFoundError,
  RateLimitError,
} from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { mockOpenAIControl, sampleFromSchema, startMockOpenAI, type MockOpenAI } from './index';

let mock: MockOpenAI;
let client: OpenAI;
const sdk = (opts: ConstructorParameters<typeof OpenAI>[0] = {}) =>
  new OpenAI({ apiKey: 'sk-test-123456789', baseURL: mock.url, maxRetries: 0, ...opts });

beforeAll(async () => {
  mock = await startMockOpenAI();
  client = sdk();
});
afterAll(() => mock.close());
afterEach(() => mock.reset());

/** The rejection of `p`, asserting it is an instance of `cls`. */
async function rejection<T>(p: Promise<unknown>, cls: abstract new (...args: never[]) => T): Promise<T> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(cls);
  return err as T;
}

const chat = (c = client, extra: Partial<OpenAI.ChatCompletionCreateParamsNonStreaming> = {}) =>
  c.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Write a title' }], ...extra });

describe('models', () => {
  it('lists models in the OpenAI shape', async () => {
    const page = await client.models.list();
    expect(page.data.map((m) => m.id)).toContain('gpt-4o-mini');
    for (const m of page.data) {
      expect(m).toEqual({
        id: expect.any(String),
        object: 'model',
        created: expect.any(Number),
        owned_by: expect.any(String),
      });
    }
  });

  it('retrieves one model, 404 model_not_found for an unknown one', async () => {
    expect((await client.models.retrieve('gpt-4o')).id).toBe('gpt-4o');
    const err = await rejection(client.models.retrieve('nope'), NotFoundError);
    expect(err.code).toBe('model_not_found');
  });
});

describe('chat completions', () => {
  it('answers a standard chat.completion with usage, echoing the prompt when no format is asked', async () => {
    const res = await chat();
    expect(res.object).toBe('chat.completion');
    expect(res.model).toBe('gpt-4o-mini');
    expect(res.choices[0]!.finish_reason).toBe('stop');
    expect(res.choices[0]!.message.content).toContain('Write a title');
    const { prompt_tokens, completion_tokens, total_tokens } = res.usage!;
    expect(prompt_tokens).toBeGreaterThan(0);
    expect(completion_tokens).toBeGreaterThan(0);
    expect(total_tokens).toBe(prompt_tokens + completion_tokens);
  });

  it('produces a schema-valid instance for a zod json_schema (SDK parse helper)', async () => {
    const Article = z.object({
      title: z.string().min(3).max(60),
      status: z.enum(['draft', 'published']),
      wordCount: z.number().int().min(300).max(2000),
      score: z.number().gt(0).lt(1),
      tags: z.array(z.string()).min(3),
      seo: z.object({ slug: z.string(), noindex: z.boolean() }),
      subtitle: z.string().nullable(),
    });
    const res = await client.chat.completions.parse({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Write an article' }],
      response_format: zodResponseFormat(Article, 'article'),
    });
    const parsed = res.choices[0]!.message.parsed!;
    expect(Article.parse(parsed)).toEqual(parsed);
    expect(parsed.tags).toHaveLength(3);
    expect(parsed.status).toBe('draft');
    expect(parsed.title).toBe('Sample title');
  });

  it('handles $ref/$defs, anyOf, const, formats, integer bounds and maxItems in raw JSON schemas', () => {
    const schema = {
      type: 'object',
      required: ['author', 'kind', 'when', 'count', 'items', 'note'],
      properties: {
        author: { $ref: '#/$defs/person' },
        kind: { const: 'post' },
        when: { type: 'string', format: 'date-time' },
        count: { type: 'integer', exclusiveMinimum: 4, maximum: 9 },
        items: { type: 'array', items: { type: 'number', minimum: -5, maximum: -2 }, minItems: 5, maxItems: 2 },
        note: { anyOf: [{ type: 'null' }, { type: 'string', maxLength: 4 }] },
        optional: { type: 'string' },
      },
      $defs: {
        person: { type: 'object', required: ['email'], properties: { email: { type: 'string', format: 'email' } } },
      },
    };
    expect(sampleFromSchema(schema)).toEqual({
      author: { email: 'sample@example.com' },
      kind: 'post',
      when: '2024-01-01T00:00:00.000Z',
      count: 5,
      items: [-5, -5],
      note: 'Samp',
    });
  });

  it('returns a JSON object for json_object', async () => {
    const res = await chat(client, { response_format: { type: 'json_object' } });
    expect(JSON.parse(res.choices[0]!.message.content!)).toEqual({ message: expect.stringContaining('Write a title') });
  });

  it('uses registered responders: first non-undefined wins, objects are stringified; records requests', async () => {
    mock.onChat(() => undefined);
    const remove = mock.onChat((req) => ({ title: `For ${req.model}` }));
    mock.onChat(() => 'never reached');
    const res = await chat();
    expect(JSON.parse(res.choices[0]!.message.content!)).toEqual({ title: 'For gpt-4o-mini' });
    remove();
    expect((await chat()).choices[0]!.message.content).toBe('never reached');

    expect(mock.requests).toHaveLength(2);
    const [first] = mock.requests;
    expect(first).toMatchObject({ method: 'POST', path: '/v1/chat/completions', endpoint: 'chat' });
    expect(first!.headers.authorization).toBe('Bearer sk-test-123456789');
    expect(first!.body).toMatchObject({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Write a title' }] });
  });

  it('reset() forgets requests, responders and faults', async () => {
    mock.onChat(() => 'scripted');
    mock.fail('chat', 'server_error');
    await chat().catch(() => undefined);
    mock.reset();
    expect(mock.requests).toHaveLength(0);
    expect((await chat()).choices[0]!.message.content).toContain('Mock reply to');
  });
});

describe('answer length', () => {
  const section = z.object({ html: z.string(), title: z.string() });
  const ask = (prompt: string) =>
    client.chat.completions.parse({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: prompt }],
      response_format: zodResponseFormat(section, 'section'),
    });
  const words = (html: string) =>
    html
      .replace(/<[^>]+>/g, ' ')
      .split(/\s+/)
      .filter(Boolean).length;

  it('fills HTML fields with the words set, or a share of the words the request asks for the field', async () => {
    mock.setAnswerLength({ words: 120 });
    const fixed = (await ask('Write something.')).choices[0]!.message.parsed!;
    expect(words(fixed.html)).toBe(120);
    expect(fixed.title).toBe('Sample title'); // other fields stay samples
    mock.setAnswerLength({ ratio: 0.5 });
    const half = (await ask('Intro of about 80 words.\n- html: the body, about 300 words')).choices[0]!.message.parsed!;
    expect(words(half.html)).toBe(150);
    const control = mockOpenAIControl(mock.origin);
    await control.setAnswerLength({ ratio: 2 });
    expect(words((await ask('About 40 words.')).choices[0]!.message.parsed!.html)).toBe(80);
    await control.setAnswerLength(undefined);
    expect(words((await ask('About 40 words.')).choices[0]!.message.parsed!.html)).toBeLessThan(5);
  });

  it('a canned reply with `match` goes only to a request containing it', async () => {
    mock.queueChatReply({ html: '<p>for B</p>', title: 'B' }, 1, 'section B');
    mock.queueChatReply({ html: '<p>for A</p>', title: 'A' }, 1, 'section A');
    expect((await ask('Write section A.')).choices[0]!.message.parsed!.title).toBe('A');
    expect((await ask('Write section C.')).choices[0]!.message.parsed!.title).toBe('Sample title');
    expect((await ask('Write section B.')).choices[0]!.message.parsed!.title).toBe('B');
  });
});

describe('auth', () => {
  it('rejects a key not starting with sk- with OpenAI’s 401 body', async () => {
    const err = await rejection(chat(sdk({ apiKey: 'wrong-key-abcdef' })), AuthenticationError);
    expect(err.status).toBe(401);
    expect(err.error).toEqual({
      message: expect.stringMatching(/^Incorrect API key provided: wro\*+cdef\./),
      type: 'invalid_request_error',
      param: null,
      code: 'invalid_api_key',
    });
  });

  it('accepts only the configured keys when a list is given', async () => {
    const strict = await startMockOpenAI({ apiKeys: ['sk-good'] });
    try {
      const ok = new OpenAI({ apiKey: 'sk-good', baseURL: strict.url, maxRetries: 0 });
      const bad = new OpenAI({ apiKey: 'sk-other', baseURL: strict.url, maxRetries: 0 });
      expect((await ok.models.list()).data.length).toBeGreaterThan(0);
      expect((await rejection(bad.models.list(), AuthenticationError)).code).toBe('invalid_api_key');
    } finally {
      await strict.close();
    }
  });
});

describe('faults', () => {
  it('rate_limit → RateLimitError with Retry-After and retry-after-ms headers', async () => {
    mock.fail('chat', 'rate_limit', { retryAfterSeconds: 2 });
    const err = await rejection(chat(), RateLimitError);
    expect(err.status).toBe(429);
    expect(err.code).toBe('rate_limit_exceeded');
    expect(err.type).toBe('rate_limit_error');
    expect(err.headers.get('retry-after')).toBe('2');
    expect(err.headers.get('retry-after-ms')).toBe('2000');
    // Default is 1 second.
    mock.fail('chat', 'rate_limit');
    expect((await rejection(chat(), RateLimitError)).headers.get('retry-after')).toBe('1');
  });

  it('the SDK retry honours retry-after-ms and then succeeds', async () => {
    mock.fail('chat', 'rate_limit', { retryAfterSeconds: 0.05 });
    const res = await chat(sdk({ maxRetries: 1 }));
    expect(res.object).toBe('chat.completion');
    expect(mock.requests).toHaveLength(2);
  });

  it('server_error → InternalServerError', async () => {
    mock.fail('chat', 'server_error');
    const err = await rejection(chat(), InternalServerError);
    expect(err.status).toBe(500);
    expect(err.error).toMatchObject({
      message: 'The server had an error while processing your request.',
      type: 'server_error',
    });
  });

  it('invalid_key → AuthenticationError even with a valid key', async () => {
    mock.fail('models', 'invalid_key');
    const err = await rejection(client.models.list(), AuthenticationError);
    expect(err.code).toBe('invalid_api_key');
    expect(err.message).toContain('Incorrect API key provided: sk-');
  });

  it('content_policy → BadRequestError with code content_policy_violation (chat and images)', async () => {
    mock.fail('chat', 'content_policy');
    mock.fail('images', 'content_policy');
    for (const p of [chat(), client.images.generate({ model: 'dall-e-3', prompt: 'x' })]) {
      const err = await rejection(p, BadRequestError);
      expect(err.code).toBe('content_policy_violation');
      expect(err.type).toBe('invalid_request_error');
      expect(err.message).toContain('rejected as a result of our safety system');
    }
  });

  it('quota → RateLimitError with insufficient_quota and no Retry-After', async () => {
    mock.fail('chat', 'quota');
    const err = await rejection(chat(), RateLimitError);
    expect(err.code).toBe('insufficient_quota');
    expect(err.type).toBe('insufficient_quota');
    expect(err.message).toContain('You exceeded your current quota, please check your plan and billing details.');
    expect(err.headers.get('retry-after')).toBeNull();
    expect(err.headers.get('retry-after-ms')).toBeNull();
  });

  it('timeout → APIConnectionTimeoutError; the server keeps serving afterwards', async () => {
    mock.fail('chat', 'timeout');
    await rejection(chat(sdk({ timeout: 300 })), APIConnectionTimeoutError);
    expect((await chat()).object).toBe('chat.completion');
  });

  it('timeout: close() drops the held connection and resolves promptly', async () => {
    const other = await startMockOpenAI();
    other.fail('chat', 'timeout');
    const c = new OpenAI({ apiKey: 'sk-x', baseURL: other.url, maxRetries: 0, timeout: 30_000 });
    const pending = chat(c);
    await expect.poll(() => other.requests.length).toBe(1);
    const started = Date.now();
    await other.close();
    expect(Date.now() - started).toBeLessThan(1000);
    await rejection(pending, APIConnectionError);
  });

  it('slow → answers normally after the delay', async () => {
    mock.fail('chat', 'slow', { delayMs: 250 });
    const started = Date.now();
    expect((await chat()).object).toBe('chat.completion');
    expect(Date.now() - started).toBeGreaterThanOrEqual(240);
  });

  it('malformed_json → 200 with truncated JSON content', async () => {
    mock.onChat(() => ({ title: 'A title', body: 'Some body text' }));
    mock.fail('chat', 'malformed_json');
    const content = (await chat()).choices[0]!.message.content!;
    expect(content.startsWith('{"title"')).toBe(true);
    expect(() => JSON.parse(content)).toThrow();
  });

  it('fenced_json → valid JSON inside a ```json fence with prose around it', async () => {
    mock.onChat(() => ({ title: 'A title' }));
    mock.fail('chat', 'fenced_json');
    const content = (await chat()).choices[0]!.message.content!;
    const match = /^(.+?)```json\n([\s\S]+?)\n```(.+)$/s.exec(content);
    expect(match).not.toBeNull();
    expect(match![1]!.trim()).not.toBe('');
    expect(match![3]!.trim()).not.toBe('');
    expect(JSON.parse(match![2]!)).toEqual({ title: 'A title' });
    expect(() => JSON.parse(content)).toThrow();
  });

  it('applies to the next n requests of that endpoint only, in queue order', async () => {
    mock.fail('chat', 'server_error', { times: 2 });
    mock.fail('chat', 'quota');
    await rejection(chat(), InternalServerError);
    expect((await client.models.list()).data.length).toBeGreaterThan(0); // other endpoint unaffected
    await rejection(chat(), InternalServerError);
    expect((await rejection(chat(), RateLimitError)).code).toBe('insufficient_quota');
    expect((await chat()).object).toBe('chat.completion');
  });

  it('rejects unknown faults and chat-only faults on other endpoints', () => {
    expect(() => mock.fail('chat', 'nope' as never)).toThrow(/unknown fault/);
    expect(() => mock.fail('images', 'fenced_json')).toThrow(/chat only/);
  });

  it('latency applies to every response', async () => {
    mock.setLatency(200);
    const started = Date.now();
    await client.models.list();
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });

  it('lowering the latency answers the requests already waiting longer than the new value', async () => {
    mock.setLatency(600_000);
    const waiting = client.models.list();
    await expect.poll(() => mock.requests.length).toBe(1);
    mock.setLatency(0);
    await expect(waiting).resolves.toBeDefined();
  });

  it('records how many model requests were in flight at once (peak and per request)', async () => {
    mock.setLatency(150);
    await Promise.all([client.models.list(), client.models.list(), client.models.list()]);
    await client.models.list();
    expect(mock.maxInFlight()).toBe(3);
    expect(mock.requests.map((r) => r.inFlight).sort()).toEqual([1, 1, 2, 3]);
    expect(mock.requests.every((r) => r.doneAt !== undefined && r.doneAt >= r.at)).toBe(true);
    mock.reset();
    expect(mock.maxInFlight()).toBe(0);
  });
});

/** Width, height and first pixel of a PNG, checking signature, CRCs and IDAT size. */
function decodePng(png: Buffer): { width: number; height: number; pixel: number[] } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let offset = 8;
  const chunks = new Map<string, Buffer>();
  while (offset < png.length) {
    const len = png.readUInt32BE(offset);
    const type = png.toString('ascii', offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + len);
    expect(png.readUInt32BE(offset + 8 + len)).toBe(crc32(png.subarray(offset + 4, offset + 8 + len)));
    chunks.set(type, data);
    offset += 12 + len;
  }
  expect([...chunks.keys()]).toEqual(['IHDR', 'IDAT', 'IEND']);
  const ihdr = chunks.get('IHDR')!;
  const width = ihdr.readUInt32BE(0);
  const height = ihdr.readUInt32BE(4);
  const raw = inflateSync(chunks.get('IDAT')!);
  expect(raw.length).toBe(height * (1 + width * 3));
  return { width, height, pixel: [raw[1]!, raw[2]!, raw[3]!] };
}

describe('images', () => {
  it('returns a real PNG as b64_json, with revised_prompt for dall-e-3', async () => {
    const res = await client.images.generate({
      model: 'dall-e-3',
      prompt: 'A red fox',
      size: '1024x1024',
      response_format: 'b64_json',
    });
    expect(res.created).toEqual(expect.any(Number));
    const [item] = res.data!;
    expect(item!.revised_prompt).toContain('A red fox');
    const png = decodePng(Buffer.from(item!.b64_json!, 'base64'));
    expect(png).toMatchObject({ width: 1024, height: 1024 });
  });

  it('serves url responses from the mock itself', async () => {
    const res = await client.images.generate({
      model: 'dall-e-2',
      prompt: 'A blue bird',
      size: '256x256',
      n: 2,
      response_format: 'url',
    });
    expect(res.data).toHaveLength(2);
    const url = res.data![0]!.url!;
    expect(url).toMatch(new RegExp(`^${mock.origin}/files/[\\w-]+\\.png$`));
    const fetched = await fetch(url);
    expect(fetched.status).toBe(200);
    expect(fetched.headers.get('content-type')).toBe('image/png');
    expect(decodePng(Buffer.from(await fetched.arrayBuffer()))).toMatchObject({ width: 256, height: 256 });
  });

  it('gpt-image-1 always returns b64_json, with usage', async () => {
    const res = await client.images.generate({ model: 'gpt-image-1', prompt: 'A cat', size: '1024x1536' });
    expect(res.data![0]!.url).toBeUndefined();
    expect(decodePng(Buffer.from(res.data![0]!.b64_json!, 'base64'))).toMatchObject({ width: 1024, height: 1536 });
    expect(res.usage!.total_tokens).toBe(res.usage!.input_tokens + res.usage!.output_tokens);
  });
});

describe('embeddings', () => {
  const cosine = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i]!, 0);

  it('answers one unit vector per input, in order, at the dimensions asked, with usage', async () => {
    const res = await client.embeddings.create({
      model: 'text-embedding-3-small',
      input: ['cold brew ratio', 'cold brew ratios', 'lawn mower repair'],
      dimensions: 256,
      encoding_format: 'float',
    });
    expect(res.data.map((d) => d.index)).toEqual([0, 1, 2]);
    const [a, b, c] = res.data.map((d) => d.embedding);
    for (const v of [a!, b!, c!]) {
      expect(v).toHaveLength(256);
      expect(cosine(v, v)).toBeCloseTo(1, 4);
    }
    // Texts sharing words point the same way; a plural is the same word.
    expect(cosine(a!, b!)).toBeCloseTo(1, 4);
    expect(cosine(a!, c!)).toBeLessThan(0.5);
    expect(res.usage).toMatchObject({ prompt_tokens: 9, total_tokens: 9 });
    const again = await client.embeddings.create({ model: 'text-embedding-3-small', input: 'cold brew ratio' });
    expect(again.data[0]!.embedding).toHaveLength(1536);
  });

  it('embeds a pinned text as pinned (meaning beyond words), until reset', async () => {
    mock.pinEmbedding('Latte', [1, 0]);
    mock.pinEmbedding('cappuccino', [1, 0]);
    const res = await client.embeddings.create({
      model: 'text-embedding-3-small',
      input: ['latte', 'Cappuccino '],
      dimensions: 4,
    });
    expect(res.data.map((d) => d.embedding)).toEqual([
      [1, 0, 0, 0],
      [1, 0, 0, 0],
    ]);
    mock.reset();
    const after = await client.embeddings.create({ model: 'text-embedding-3-small', input: 'latte', dimensions: 4 });
    expect(after.data[0]!.embedding).not.toEqual([1, 0, 0, 0]);
  });

  it('refuses empty input with OpenAI’s 400, and takes faults like any endpoint', async () => {
    const bad = await rejection(
      client.embeddings.create({ model: 'text-embedding-3-small', input: [] }),
      BadRequestError,
    );
    expect(bad.param).toBe('input');
    mock.fail('embeddings', 'rate_limit');
    await rejection(client.embeddings.create({ model: 'text-embedding-3-small', input: 'x' }), RateLimitError);
  });
});

describe('HTTP control routes', () => {
  it('scripts faults, canned replies, latency, and exposes/reset requests', async () => {
    const ctl = mockOpenAIControl(mock.url);
    await ctl.fail('chat', 'rate_limit', { times: 1, retryAfterSeconds: 3 });
    expect((await rejection(chat(), RateLimitError)).headers.get('retry-after')).toBe('3');

    await ctl.queueChatReply({ title: 'Canned' });
    expect(JSON.parse((await chat()).choices[0]!.message.content!)).toEqual({ title: 'Canned' });

    await ctl.setLatency(150);
    const started = Date.now();
    await chat();
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);

    const requests = await ctl.requests();
    expect(requests.map((r) => r.path)).toEqual(Array(3).fill('/v1/chat/completions'));
    expect(requests[0]!.headers.authorization).toBe('Bearer sk-test-123456789');

    await ctl.reset();
    expect(await ctl.requests()).toEqual([]);
    await expect(ctl.fail('chat', 'bogus' as never)).rejects.toThrow(/400/);
  });
});

describe('CLI', () => {
  it('starts on MOCK_OPENAI_PORT, prints the URL and stops on SIGTERM', async () => {
    const cli = fileURLToPath(new URL('./cli.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', cli], {
      env: { ...process.env, MOCK_OPENAI_PORT: '0' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const [line] = (await once(child.stdout, 'data')) as [Buffer];
      const url = /(http:\/\/127\.0\.0\.1:\d+\/v1)/.exec(line.toString())?.[1];
      expect(url).toBeDefined();
      const c = new OpenAI({ apiKey: 'sk-cli', baseURL: url!, maxRetries: 0 });
      expect((await c.models.list()).data.length).toBeGreaterThan(0);
      expect((await fetch(url!.replace('/v1', '/__mock/health'))).status).toBe(200);
    } finally {
      child.kill('SIGTERM');
      if (child.exitCode === null) await once(child, 'exit');
    }
    expect(child.exitCode).toBe(0);
  });
});
