import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * Why an address may not be reached for an account, or null when it is public unicast.
 * ipaddr.js names every special-purpose range (loopback, private, carrierGradeNat, linkLocal,
 * uniqueLocal, multicast, unspecified, broadcast, reserved, 6to4, teredo, …); only `unicast` is
 * public. `process` turns IPv4-mapped IPv6 (::ffff:127.0.0.1) into the IPv4 address it carries.
 */
export function addressProblem(ip: string): string | null {
  if (!ipaddr.isValid(ip)) return 'not an IP address';
  const range = ipaddr.process(ip).range();
  return range === 'unicast' ? null : range;
}

/** A URL's host as compared and connected to: lower case, no IPv6 brackets, no trailing dot. */
export function normalHost(hostname: string): string {
  return hostname
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '');
}

/** An IP literal host in canonical form (so `::ffff:7f00:1` and `127.0.0.1` compare equal), else undefined. */
export function literalIp(host: string): string | undefined {
  const h = normalHost(host);
  return isIP(h) ? ipaddr.process(h).toString() : undefined;
}

/** OUTBOUND_ALLOW_HOSTS: comma-separated host names or IP addresses (no ports, no wildcards). */
export class HostAllowList {
  private readonly names = new Set<string>();

  constructor(list: string | readonly string[]) {
    const entries = typeof list === 'string' ? list.split(',') : list;
    for (const raw of entries) {
      const host = normalHost(raw.trim());
      if (host) this.names.add(literalIp(host) ?? host);
    }
  }

  has(hostname: string): boolean {
    const host = normalHost(hostname);
    return this.names.has(literalIp(host) ?? host);
  }
}
