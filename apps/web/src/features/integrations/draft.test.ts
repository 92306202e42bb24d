import { describe, expect, it } from 'vitest';
import type { EffectiveIntegration } from '@igny8/contracts';
import {
  draftFrom,
  keyMustBeReentered,
  toSaveBody,
  validateDraft,
  type IntegrationDraft,
  type StoredKey,
} from './draft';

const item = (extra: Partial<EffectiveIntegration> = {}): EffectiveIntegration => ({
  capability: 'text',
  provider: 'openai',
  baseUrl: null,
  model: 'gpt-4o-mini',
  options: {},
  limits: { concurrency: 4, requestsPerMinute: 500, tokensPerMinute: 200_000 },
  source: 'account',
  apiKeyMask: 'sk-…abcd',
  hasOwnSettings: true,
  ...extra,
});

const storedOpenAi: StoredKey = { provider: 'openai', baseUrl: null };
const draft = (extra: Partial<IntegrationDraft> = {}): IntegrationDraft => ({ ...draftFrom(item()), ...extra });

describe('integration draft', () => {
  it('starts from the effective settings, without the offline model names', () => {
    expect(draftFrom(item({ options: { outputMode: 'json' } }))).toMatchObject({
      provider: 'openai',
      model: 'gpt-4o-mini',
      outputMode: 'json',
      apiKey: '',
    });
    expect(draftFrom(item({ provider: 'builtin', model: 'igny8-offline-templates' })).model).toBe('');
  });

  it('keeps the stored key unless a new one is typed or removal was asked', () => {
    expect(toSaveBody('text', draft())).not.toHaveProperty('apiKey');
    expect(toSaveBody('text', draft({ apiKey: '  sk-new  ' })).apiKey).toBe('sk-new');
    expect(toSaveBody('text', draft({ apiKey: 'sk-new', removeKey: true })).apiKey).toBeNull();
  });

  it('sends only the options of the capability, keeping the timeout it does not edit', () => {
    const d = draft({ outputMode: 'plain', size: '1024x1024', quality: 'hd', style: 'flat' });
    expect(toSaveBody('text', d, { timeoutSeconds: 30 }).options).toEqual({ outputMode: 'plain', timeoutSeconds: 30 });
    expect(toSaveBody('image', d).options).toEqual({ size: '1024x1024', quality: 'hd', style: 'flat' });
    expect(toSaveBody('image', draft({ size: '' })).options).toEqual({});
  });

  it('sends the limits that are filled in, as numbers, and names the field that is out of range', () => {
    const d = draft({ concurrency: '8', requestsPerMinute: ' 3000 ', tokensPerMinute: '' });
    expect(toSaveBody('text', d).options).toEqual({ concurrency: 8, requestsPerMinute: 3000 });
    expect(toSaveBody('image', draft({ concurrency: '2', tokensPerMinute: '5' })).options).toEqual({ concurrency: 2 });
    expect(draftFrom(item({ options: { concurrency: 6 } })).concurrency).toBe('6');
    expect(validateDraft('text', draft({ concurrency: '40' }), storedOpenAi).concurrency).toMatch(/32/);
    expect(validateDraft('text', draft({ requestsPerMinute: 'lots' }), storedOpenAi).requestsPerMinute).toBeTruthy();
  });

  it('sends nothing but the provider for offline templates', () => {
    expect(toSaveBody('text', draft({ provider: 'builtin', apiKey: 'x', baseUrl: 'http://x' }))).toEqual({
      provider: 'builtin',
      options: {},
    });
  });

  it('requires a base URL for OpenAI-compatible servers and a valid URL when given', () => {
    expect(validateDraft('text', draft({ provider: 'openai_compatible', baseUrl: '' }), storedOpenAi).baseUrl).toMatch(
      /needs its base URL/,
    );
    expect(
      validateDraft('text', draft({ provider: 'openai_compatible', baseUrl: 'localhost:11434' }), storedOpenAi).baseUrl,
    ).toMatch(/full http/);
    expect(
      validateDraft('text', draft({ provider: 'openai_compatible', baseUrl: 'http://localhost:11434/v1' }), null),
    ).toEqual({});
  });

  it('requires an OpenAI key, typed now or stored before', () => {
    expect(validateDraft('text', draft(), storedOpenAi)).toEqual({});
    expect(validateDraft('text', draft(), null).apiKey).toMatch(/needs an API key/);
    expect(validateDraft('text', draft({ removeKey: true }), storedOpenAi).apiKey).toMatch(/needs an API key/);
    expect(validateDraft('text', draft({ apiKey: 'sk-1' }), null)).toEqual({});
  });

  it('asks for the key again when the provider or the host of the base URL changes, never when only the path does', () => {
    const stored: StoredKey = { provider: 'openai_compatible', baseUrl: 'https://llm.example.com/v1' };
    const compat = (baseUrl: string, extra: Partial<IntegrationDraft> = {}) =>
      draft({ provider: 'openai_compatible', baseUrl, ...extra });
    expect(validateDraft('text', compat('https://llm.example.com/v2'), stored)).toEqual({});
    expect(validateDraft('text', compat('https://other.example.com/v1'), stored).apiKey).toMatch(
      /enter the API key again/,
    );
    expect(validateDraft('text', compat('http://llm.example.com/v1'), stored).apiKey).toMatch(
      /enter the API key again/,
    );
    expect(validateDraft('text', draft({ provider: 'openai' }), stored).apiKey).toMatch(/enter the API key again/);
    expect(validateDraft('text', compat('https://other.example.com/v1', { apiKey: 'sk-new' }), stored)).toEqual({});
    expect(keyMustBeReentered(compat('https://other.example.com/v1', { removeKey: true }), stored)).toBe(false);
    expect(keyMustBeReentered(compat('https://other.example.com/v1'), null)).toBe(false);
  });
});
