import { startMockOpenAI, type MockOpenAI } from '@igny8/e2e/mock-openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ProviderError } from '../src/ai/providers/errors';
import { OpenAiImageProvider } from '../src/ai/providers/openai';
import type { ResolvedSettings } from '../src/ai/providers/types';
import { withProviderRetry } from '../src/ai/retry';
import { OutboundPolicy } from '../src/net/outbound';
import { fastRetry } from './helpers/tasks';

let mock: MockOpenAI;
const policy = new OutboundPolicy({ allowHosts: '', timeoutMs: 5000 });
beforeAll(async () => {
  mock = await startMockOpenAI({ apiKeys: ['sk-platform'] });
});
afterAll(async () => {
  await mock.close();
  await policy.close();
});
beforeEach(() => mock.reset());

const settings = (): ResolvedSettings => ({
  capability: 'image',
  provider: 'openai_compatible',
  baseUrl: mock.url,
  model: 'gpt-image-1',
  options: {},
  apiKey: 'sk-platform',
  source: 'system',
  outbound: { policy, trusted: true, imageMaxBytes: 1024 * 1024 },
});
const imageCalls = () => mock.requests.filter((r) => r.endpoint === 'images');

describe('malformed JSON from the image endpoint', () => {
  it('is a transient provider fault: retried like a 5xx, and the retry succeeds', async () => {
    mock.fail('images', 'malformed_json', { times: 1 });
    const provider = new OpenAiImageProvider(settings());
    const waits: string[] = [];
    const image = await withProviderRetry(() => provider.generate({ prompt: 'a cat' }, () => {}), {
      ...fastRetry,
      onWait: ({ reason, error }) => void waits.push(`${reason}:${error.code}`),
    });
    expect(image.mimeType).toBe('image/png');
    expect(image.data.length).toBeGreaterThan(0);
    expect(imageCalls()).toHaveLength(2);
    expect(waits).toEqual(['retry:provider_server']);
  });

  it('when it keeps coming, ends as provider_server after the attempts, without quoting the body', async () => {
    mock.fail('images', 'malformed_json', { times: 5 });
    const provider = new OpenAiImageProvider(settings());
    const e = await withProviderRetry(() => provider.generate({ prompt: 'a cat' }, () => {}), fastRetry).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(ProviderError);
    expect(e).toMatchObject({
      code: 'provider_server',
      retryable: true,
      message: 'The AI provider sent a malformed reply (invalid JSON)',
    });
    expect(imageCalls()).toHaveLength(fastRetry.maxAttempts);
  });
});
