import { checkPassword, describeWeakPassword } from '@igny8/contracts/password';
import { hash, verify } from '@node-rs/argon2';
import { AppError } from '../http/errors';

// argon2id (the library default algorithm) with OWASP's minimum recommended cost.
const options = { memoryCost: 19456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return verify(passwordHash, password).catch(() => false);
}

// Verified against when the email is unknown, so both failures cost the same time.
let dummy: Promise<string> | undefined;
export function dummyHash(): Promise<string> {
  dummy ??= hash('not-a-real-password', options);
  return dummy;
}

/**
 * The strength rule for every password a person chooses (setup, sign-up, accepting an invitation): 400
 * `password_weak` with zxcvbn's reason and suggestions, which the web form shows beside the field.
 * `userInputs`: the email and names on the same form (a password made of them is easy to guess).
 */
export function assertStrongPassword(password: string, userInputs: string[]): void {
  const verdict = checkPassword(password, userInputs);
  if (verdict.ok) return;
  throw new AppError(400, 'password_weak', describeWeakPassword(verdict), {
    path: 'body.password',
    score: verdict.score,
    warning: verdict.warning,
    suggestions: verdict.suggestions,
  });
}
