import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { Agent, fetch as undiciFetch, Headers, type RequestInit as UndiciRequestInit } from 'undici';
import { addressProblem, HostAllowList, literalIp, normalHost } from './addresses';

/**
 * The one policy for HTTP requests made on an account's behalf: AI providers (text, image,
 * embeddings), image downloads, and later publishing targets and webhooks.
 *
 * Untrusted requests (anything an account configured) may only reach public unicast addresses,
 * checked where it counts: in the socket's DNS lookup, so the address checked is the address
 * connected to (no DNS-rebinding gap), and before connecting to an IP literal (which skips the
 * lookup). Redirects are followed here, at most five, each hop under the same rule, and
 * credentials are dropped when a redirect leaves the origin. Trusted requests (the platform's
 * own settings: the system account and the environment) go anywhere, e.g. to a local Ollama.
 * OUTBOUND_ALLOW_HOSTS names hosts that accounts may reach whatever they resolve to.
 */

/** A refusal by the policy: the target is private, unresolvable, not http(s), or redirects too often. */
export class OutboundBlockedError extends Error {
  readonly code = 'outbound_blocked';
  constructor(
    readonly host: string,
    reason: string,
  ) {
    super(`Requests to ${host} are not allowed: ${reason}`);
    this.name = 'OutboundBlockedError';
  }
}

/** The fetch signature SDKs accept (the OpenAI SDK's `fetch` option). */
export type OutboundFetch = (input: string | URL | { url: string }, init?: RequestInit) => Promise<Response>;

export interface OutboundOptions {
  /** OUTBOUND_ALLOW_HOSTS */
  allowHosts: string | readonly string[];
  /** OUTBOUND_TIMEOUT_SECONDS, as ms: a cap on every untrusted request (headers and body). */
  timeoutMs: number;
  /** The resolver under the connect-time check; tests pass one to play DNS rebinding. */
  resolve?: typeof dnsLookup;
}

export interface OutboundTrust {
  /** true only for the platform's own settings (system account, environment). */
  trusted: boolean;
}

const MAX_REDIRECTS = 5;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const CREDENTIAL_HEADERS = ['authorization', 'cookie', 'proxy-authorization', 'api-key', 'x-api-key'];

export class OutboundPolicy {
  private readonly allow: HostAllowList;
  private readonly agent: Agent;
  private readonly resolve: typeof dnsLookup;

  constructor(private readonly options: OutboundOptions) {
    this.allow = new HostAllowList(options.allowHosts);
    this.resolve = options.resolve ?? dnsLookup;
    this.agent = new Agent({ connect: { lookup: this.checkedLookup() } });
  }

  get timeoutMs(): number {
    return this.options.timeoutMs;
  }

  /** A fetch bound to one trust level, for SDKs that take a custom fetch. */
  fetcher(trust: OutboundTrust): OutboundFetch {
    return (input, init) => this.fetch(input, init, trust);
  }

  async fetch(
    input: string | URL | { url: string },
    init: RequestInit = {},
    { trusted }: OutboundTrust,
  ): Promise<Response> {
    let url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    if (trusted) return (await undiciFetch(url, init as UndiciRequestInit)) as unknown as Response;

    const signal = init.signal
      ? AbortSignal.any([init.signal, AbortSignal.timeout(this.options.timeoutMs)])
      : AbortSignal.timeout(this.options.timeoutMs);
    let method = (init.method ?? 'GET').toUpperCase();
    let body = init.body;
    const headers = new Headers(init.headers as ConstructorParameters<typeof Headers>[0]);
    for (let hop = 0; ; hop++) {
      this.assertUrlShape(url);
      let res;
      try {
        res = await undiciFetch(url, {
          ...(init as UndiciRequestInit),
          method,
          headers,
          body: body as UndiciRequestInit['body'],
          redirect: 'manual',
          signal,
          dispatcher: this.agent,
        });
      } catch (e) {
        // undici reports a refused lookup as `TypeError: fetch failed` with our error as the cause.
        const cause = (e as { cause?: unknown }).cause;
        throw cause instanceof OutboundBlockedError ? cause : e;
      }
      const location = res.headers.get('location');
      if (!REDIRECTS.has(res.status) || !location) return res as unknown as Response;
      await res.body?.cancel();
      if (hop >= MAX_REDIRECTS) throw new OutboundBlockedError(url.host, `more than ${MAX_REDIRECTS} redirects`);
      const next = new URL(location, url);
      // As browsers do: 303 (and 301/302 after a POST) continue as a bodiless GET; 307/308 repeat the request.
      if (res.status === 303 ? method !== 'HEAD' : (res.status === 301 || res.status === 302) && method === 'POST') {
        method = 'GET';
        body = undefined;
        headers.delete('content-type');
        headers.delete('content-length');
      }
      if (next.origin !== url.origin) for (const h of CREDENTIAL_HEADERS) headers.delete(h);
      url = next;
    }
  }

  /**
   * A check of an account's URL when it is saved, so a bad base URL is refused at once with a
   * clear answer. It resolves the name now; the connect-time check remains the real guard.
   */
  async assertAllowed(raw: string): Promise<void> {
    const url = new URL(raw);
    this.assertUrlShape(url);
    const host = normalHost(url.hostname);
    if (this.allow.has(host) || literalIp(host)) return;
    const addresses = await new Promise<LookupAddress[]>((done, fail) =>
      this.resolve(host, { all: true }, (err, found: LookupAddress[]) =>
        err ? fail(new OutboundBlockedError(host, 'the name does not resolve')) : done(found),
      ),
    );
    this.assertAddresses(host, addresses);
  }

  async close(): Promise<void> {
    await this.agent.close();
  }

  /** Scheme, and IP literals (which the socket connects to without a lookup). */
  private assertUrlShape(url: URL): void {
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new OutboundBlockedError(url.protocol, 'only http and https are allowed');
    const host = normalHost(url.hostname);
    if (this.allow.has(host)) return;
    const ip = literalIp(host);
    const problem = ip && addressProblem(ip);
    if (problem) throw new OutboundBlockedError(host, `${ip} is not a public address (${problem})`);
  }

  private assertAddresses(host: string, addresses: readonly LookupAddress[]): void {
    // Every address must be public: the socket may try any of them (happy eyeballs).
    for (const a of addresses) {
      const problem = addressProblem(a.address);
      if (problem)
        throw new OutboundBlockedError(host, `it resolves to ${a.address}, not a public address (${problem})`);
    }
    if (addresses.length === 0) throw new OutboundBlockedError(host, 'the name does not resolve');
  }

  /** net.connect's `lookup`, refusing private answers for hosts that are not allowed. */
  private checkedLookup(): LookupFunction {
    return (hostname, options, callback) => {
      this.resolve(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
        if (err) return callback(err, '', 0);
        if (!this.allow.has(hostname)) {
          try {
            this.assertAddresses(normalHost(hostname), addresses);
          } catch (blocked) {
            return callback(blocked as NodeJS.ErrnoException, '', 0);
          }
        }
        if (options.all) return callback(null, addresses);
        const first = addresses[0]!;
        callback(null, first.address, first.family);
      });
    };
  }
}
