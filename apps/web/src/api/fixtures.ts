import type { AuthResponse } from '@igny8/contracts';

/** A login/refresh answer for unit tests: user `u1`, owner of account `acc-1`. */
export function authResponse(accessToken: string, expiresIn = 900): AuthResponse {
  return {
    accessToken,
    expiresIn,
    user: {
      id: 'u1',
      email: 'ann@example.com',
      name: 'Ann',
      isDeveloper: false,
      active: true,
      emailVerified: true,
      twoFactorEnabled: false,
    },
    memberships: [
      {
        accountId: 'acc-1',
        accountName: 'Acme',
        isSystem: false,
        accountActive: true,
        role: 'owner',
        active: true,
        requireTwoFactor: false,
      },
    ],
    platformOperator: false,
  };
}

/** A JSON response with `status`; an `undefined` body gives an empty one. */
export function json(status: number, body: unknown): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}
