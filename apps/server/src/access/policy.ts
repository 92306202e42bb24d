import type { Role } from '@igny8/contracts';

/**
 * Each route declares exactly one of these, per action. There is no class- or
 * plugin-level rule that could override a route's own policy (the seed's bug).
 *
 * API tokens reach `member` routes only (their own account's), and not those marked `sessionOnly`: managing
 * tokens and the account's security settings needs a person signed in. `authenticated` (the profile) and
 * `platformOperator` routes never take a token.
 */
export type Policy =
  | { kind: 'public' }
  | { kind: 'authenticated' }
  | { kind: 'member'; minRole: Role; sessionOnly?: boolean }
  | { kind: 'platformOperator' };

export const policies = {
  public: { kind: 'public' } as Policy,
  authenticated: { kind: 'authenticated' } as Policy,
  member: (minRole: Role): Policy => ({ kind: 'member', minRole }),
  /** A member route that an API token cannot use. */
  memberSession: (minRole: Role): Policy => ({ kind: 'member', minRole, sessionOnly: true }),
  platformOperator: { kind: 'platformOperator' } as Policy,
};

export function describePolicy(p: Policy): string {
  if (p.kind !== 'member') return p.kind;
  return p.sessionOnly ? `member(${p.minRole},session)` : `member(${p.minRole})`;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    policy?: Policy;
  }
}
