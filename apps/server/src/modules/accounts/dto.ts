import type { Account } from '@igny8/contracts';

export function toAccount(a: {
  id: string;
  name: string;
  isSystem: boolean;
  active: boolean;
  requireTwoFactor: boolean;
  createdAt: Date;
}): Account {
  return {
    id: a.id,
    name: a.name,
    isSystem: a.isSystem,
    active: a.active,
    requireTwoFactor: a.requireTwoFactor,
    createdAt: a.createdAt.toISOString(),
  };
}
