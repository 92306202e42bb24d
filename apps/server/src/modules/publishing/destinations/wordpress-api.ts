import { OutboundBlockedError, type OutboundPolicy } from '../../../net/outbound';
import { DestinationError } from './types';

/**
 * A WordPress site's REST API through the outbound policy, with an application password (Basic
 * auth). The REST root is discovered the way WordPress announces it, the `Link: <…>;
 * rel="https://api.w.org/"` header, so sites without pretty permalinks work
 * (`/index.php?rest_route=/wp/v2/…`). Errors become DestinationErrors quoting WordPress's own JSON
 * message (never an HTML page's body).
 */

export interface WordPressCredentials {
  url: string;
  username: string;
  appPassword: string;
}

export interface RestRoot {
  root: string;
  namespaces: string[];
}

const API_REL = /<([^>]+)>\s*;\s*rel="https:\/\/api\.w\.org\/"/i;

export class WordPressApi {
  private discovered?: RestRoot;

  constructor(
    private readonly creds: WordPressCredentials,
    private readonly outbound: OutboundPolicy,
  ) {}

  private get authorization(): string {
    return `Basic ${Buffer.from(`${this.creds.username}:${this.creds.appPassword.replace(/\s+/g, '')}`).toString('base64')}`;
  }

  /**
   * The REST root from the site's Link header, else the two places WordPress serves it. Credentials
   * only ever go to the site's own origin: a root elsewhere is refused.
   */
  async discover(): Promise<RestRoot> {
    if (this.discovered) return this.discovered;
    const site = new URL(this.creds.url);
    const home = await this.send(
      site.href,
      { method: 'GET', headers: { accept: 'text/html,application/json' } },
      false,
    );
    await home.body?.cancel();
    const origin = new URL(home.url || site.href).origin;
    const announced = API_REL.exec(home.headers.get('link') ?? '')?.[1];
    const base = site.pathname.endsWith('/') ? site.pathname : `${site.pathname}/`;
    const candidates = announced
      ? [new URL(announced, origin).href]
      : [`${origin}${base}wp-json/`, `${origin}${base}index.php?rest_route=/`];
    let lastError: unknown;
    for (const root of candidates) {
      if (new URL(root).origin !== origin && new URL(root).origin !== site.origin) {
        throw new DestinationError(
          'destination_failed',
          `The site announces its REST API at another origin (${new URL(root).origin}); igny8 only sends the application password to ${site.origin}`,
        );
      }
      try {
        const index = await this.json<{ namespaces?: string[] }>(root, { method: 'GET' }, false);
        if (!Array.isArray(index.namespaces) || !index.namespaces.includes('wp/v2'))
          throw new DestinationError('destination_failed', `${root} is not a WordPress REST API (no wp/v2)`);
        this.discovered = { root, namespaces: index.namespaces };
        return this.discovered;
      } catch (e) {
        lastError = e;
      }
    }
    if (lastError instanceof DestinationError && lastError.code === 'outbound_blocked') throw lastError;
    throw new DestinationError(
      'destination_failed',
      `No WordPress REST API found at ${site.href}: ${(lastError as Error)?.message ?? 'no answer'}`,
    );
  }

  /** An endpoint under the root, in whichever form the root takes (`/wp-json/…` or `?rest_route=/…`). */
  endpoint(root: string, route: string, query: Record<string, string | number | undefined> = {}): string {
    const url = new URL(root);
    const path = route.replace(/^\/+/, '');
    if (url.searchParams.has('rest_route')) url.searchParams.set('rest_route', `/${path}`);
    else url.pathname = `${url.pathname.replace(/\/?$/, '/')}${path}`;
    for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.set(k, String(v));
    return url.href;
  }

  /** A JSON request to a route of the API, authenticated. */
  async request<T>(
    method: 'GET' | 'POST' | 'DELETE',
    route: string,
    o: {
      query?: Record<string, string | number | undefined>;
      json?: unknown;
      body?: Buffer;
      headers?: Record<string, string>;
    } = {},
  ): Promise<T> {
    const { root } = await this.discover();
    const headers: Record<string, string> = { accept: 'application/json', ...o.headers };
    let body: RequestInit['body'];
    if (o.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(o.json);
    } else if (o.body) body = new Uint8Array(o.body);
    return this.json<T>(this.endpoint(root, route, o.query), { method, headers, body }, true);
  }

  private async json<T>(url: string, init: RequestInit, auth: boolean): Promise<T> {
    const res = await this.send(url, init, auth);
    const text = await res.text().catch(() => '');
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = undefined;
    }
    if (!res.ok) throw wordpressError(res.status, parsed);
    if (parsed === undefined)
      throw new DestinationError(
        'destination_failed',
        `WordPress answered HTTP ${res.status} without JSON at ${new URL(url).pathname}`,
      );
    return parsed as T;
  }

  private async send(url: string, init: RequestInit, auth: boolean): Promise<Response> {
    const headers = new Headers(init.headers);
    if (auth) headers.set('authorization', this.authorization);
    try {
      return await this.outbound.fetch(url, { ...init, headers }, { trusted: false });
    } catch (e) {
      if (e instanceof OutboundBlockedError) throw DestinationError.blocked(e);
      const name = (e as Error).name;
      if (name === 'TimeoutError' || name === 'AbortError') {
        throw new DestinationError(
          'destination_failed',
          `WordPress at ${new URL(url).host} did not answer in time`,
          true,
        );
      }
      const cause = (e as { cause?: { code?: string; message?: string } }).cause;
      throw new DestinationError(
        'destination_failed',
        `Could not reach WordPress at ${new URL(url).host}: ${cause?.code ?? cause?.message ?? (e as Error).message}`,
        true,
      );
    }
  }
}

/** WordPress's own error text (its REST errors are `{ code, message, data: { status } }`), tags stripped. */
function wordpressError(status: number, body: unknown): DestinationError {
  const err = body && typeof body === 'object' ? (body as { code?: unknown; message?: unknown }) : {};
  const message =
    typeof err.message === 'string'
      ? err.message
          .replace(/<[^>]*>/g, '')
          .trim()
          .slice(0, 500)
      : '';
  const code = typeof err.code === 'string' ? err.code.slice(0, 100) : '';
  const who =
    status === 401
      ? 'WordPress refused the username or application password'
      : status === 403
        ? 'The WordPress user may not do this'
        : `WordPress answered HTTP ${status}`;
  return new DestinationError(
    'destination_failed',
    `${who}${code ? ` (${code})` : ''}${message ? `: ${message}` : ''}`,
    status >= 500 || status === 429,
    status,
  );
}
