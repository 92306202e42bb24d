/**
 * `TRUST_PROXY` → Fastify's `trustProxy`. Off by default: behind no proxy, `X-Forwarded-For` is whatever the
 * client wrote, and trusting it would let anyone pick the address the login limit counts.
 * - `false`, `0` or empty: ignore forwarding headers (the socket address is the client);
 * - `true`: trust every hop (only when the app is reachable solely through proxies);
 * - an integer n: trust the n nearest hops (n proxies in front; only when nothing reaches the app around them);
 * - otherwise a comma list of proxy addresses or CIDRs (`10.0.0.0/8, 127.0.0.1`), or proxy-addr's names
 *   (`loopback`, `linklocal`, `uniquelocal`): the safest form, since only those peers may forward.
 */
export type TrustProxy = boolean | string[] | ((address: string, hop: number) => boolean);

export function parseTrustProxy(value: string): TrustProxy {
  const v = value.trim();
  if (v === '' || v === '0' || v.toLowerCase() === 'false') return false;
  if (v.toLowerCase() === 'true') return true;
  if (/^\d+$/.test(v)) {
    // Fastify 5 refuses a bare number (it cannot tell a proxy from a direct client); a hop count is still what
    // an operator with n load balancers and no other way in means, so say it as proxy-addr's hop function.
    const hops = Number(v);
    return (_address, hop) => hop < hops;
  }
  return v
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
