import type { Role } from '@igny8/contracts';

/**
 * Each route declares exactly one of these, per action. There is no class- or
 * plugin-level rule that could override a route's own policy (the seed's bug).
 */
export type Policy =
  | { kind: 'public' }
  | { kind: 'authenticated' }
  | { kind: 'member'; minRole: Role }
  | { kind: 'platformOperator' };

export const policies = {
  public: { kind: 'public' } as Policy,
  authenticated: { kind: 'authenticated' } as Policy,
  member: (minRole: Role): Policy => ({ kind: 'member', minRole }),
  platformOperator: { kind: 'platformOperator' } as Policy,
};

export function describePolicy(p: Policy): string {
  return p.kind === 'member' ? `member(${p.minRole})` : p.kind;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    policy?: Policy;
  }
}
