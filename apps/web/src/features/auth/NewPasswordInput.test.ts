import { describe, expect, it } from 'vitest';
import * as rule from '@igny8/contracts/password';
import { weakPasswordError } from './NewPasswordInput';

describe('the form check for a new password', () => {
  it('refuses what the server refuses, and waits for the rule to load', () => {
    expect(weakPasswordError(rule, 'password-123', [])).toBe('Choose a password that is harder to guess');
    expect(weakPasswordError(rule, 'ann.lee.smith', ['ann.lee.smith@example.com'])).toBeDefined();
    expect(weakPasswordError(rule, 'quiet-harbor-lantern-7', ['ann@example.com'])).toBeUndefined();
    // Not loaded yet, or nothing typed: no verdict (the server still checks).
    expect(weakPasswordError(undefined, 'password', [])).toBeUndefined();
    expect(weakPasswordError(rule, '', [])).toBeUndefined();
  });
});
