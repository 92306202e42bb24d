import type { Membership } from '@igny8/contracts';

const KEY = 'igny8.lastAccountId';

/** The account a user last worked in, so `/` and non-account pages can return to it. */
export function rememberAccount(accountId: string): void {
  try {
    localStorage.setItem(KEY, accountId);
  } catch {
    // Storage can be disabled (private mode); the first active account is a fine fallback.
  }
}

export function lastAccountId(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function isUsable(m: Membership): boolean {
  return m.active && m.accountActive;
}

/** The account to open: the last one used if still usable, else the first usable one. */
export function pickAccount(memberships: Membership[], preferred = lastAccountId()): Membership | null {
  const usable = memberships.filter(isUsable);
  return usable.find((m) => m.accountId === preferred) ?? usable[0] ?? null;
}
