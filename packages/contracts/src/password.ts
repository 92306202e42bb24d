import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';

/**
 * The one password rule, shared by the server (signup, setup, invitation) and the web forms (live feedback).
 * zxcvbn's score 3 = "safely unguessable": about 10^8 guesses, which refuses dictionary words, keyboard walks,
 * repeats and common passwords with a digit on the end (`password-123`).
 * A separate entry point (`@igny8/contracts/password`) so the web app can load the dictionaries lazily.
 */
export const MIN_PASSWORD_SCORE = 3;
export const MIN_PASSWORD_LENGTH = 8;

export interface PasswordVerdict {
  ok: boolean;
  /** 0 (too guessable) … 4 (very unguessable) */
  score: number;
  /** Why it is weak, in words (empty when zxcvbn has nothing specific). */
  warning: string;
  suggestions: string[];
}

let factory: ZxcvbnFactory | undefined;

/** `userInputs`: the email, name and account name on the same form, which make a password guessable. */
export function checkPassword(password: string, userInputs: string[] = []): PasswordVerdict {
  factory ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
  });
  if (password.length < MIN_PASSWORD_LENGTH) {
    return { ok: false, score: 0, warning: `Use at least ${MIN_PASSWORD_LENGTH} characters.`, suggestions: [] };
  }
  // The whole value, an email's local part, and each word: `ann.lee@x.io` makes `ann.lee`, `ann` and `lee` weak.
  const inputs = userInputs
    .flatMap((s) => [s, s.split('@')[0]!, ...s.split(/[^\p{L}\p{N}]+/u)])
    .filter((s) => s.length >= 3);
  const result = factory.check(password, inputs);
  return {
    ok: result.score >= MIN_PASSWORD_SCORE,
    score: result.score,
    warning: result.feedback.warning ?? '',
    suggestions: result.feedback.suggestions,
  };
}

/** One sentence for a form or an error message. */
export function describeWeakPassword(v: PasswordVerdict): string {
  const why = v.warning || 'This password is too easy to guess.';
  return [why, ...v.suggestions].join(' ');
}
