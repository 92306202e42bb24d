// Bearer-key check, answering like OpenAI does when the key is missing or wrong.
import type { IncomingHttpHeaders } from 'node:http';
import { invalidKey, missingKey, type ErrorReply } from './errors';
import type { MockOpenAIOptions } from './types';

export type KeyCheck = (key: string) => boolean;

export function keyCheck(apiKeys: MockOpenAIOptions['apiKeys']): KeyCheck {
  if (typeof apiKeys === 'function') return apiKeys;
  if (apiKeys) return (key) => apiKeys.includes(key);
  return (key) => key.startsWith('sk-');
}

export function bearerKey(headers: IncomingHttpHeaders): string | undefined {
  const match = /^Bearer\s+(\S.*)$/i.exec(headers.authorization ?? '');
  return match?.[1]?.trim();
}

/** The error to send, or the accepted key. */
export function authenticate(headers: IncomingHttpHeaders, isValid: KeyCheck): { error: ErrorReply } | { key: string } {
  const key = bearerKey(headers);
  if (key === undefined) return { error: missingKey() };
  if (!isValid(key)) return { error: invalidKey(key) };
  return { key };
}
