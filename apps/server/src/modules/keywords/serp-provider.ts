import { SERP_TOP_RESULTS } from '@igny8/contracts';
import type { Config } from '../../config';
import type { OutboundPolicy } from '../../net/outbound';

/**
 * Where top search results come from when they are fetched rather than imported: one search per
 * keyword. A seam: SerpApi today; DataForSEO or another provider is one more implementation.
 */
export interface SerpProvider {
  /** stored with the results ("serpapi") */
  readonly name: string;
  /** The first page's organic result URLs, best first (at most SERP_TOP_RESULTS). */
  topResults(query: string, where: { language: string; country?: string }): Promise<string[]>;
}

export class SerpProviderError extends Error {
  constructor(
    message: string,
    /** worth another attempt (a 429 or a 5xx) */
    readonly transient: boolean,
  ) {
    super(message);
  }
}

/** SerpApi's Google search (https://serpapi.com/search-api): `organic_results[].link` by `position`. */
export class SerpApiProvider implements SerpProvider {
  readonly name = 'serpapi';

  constructor(
    private readonly baseUrl: string,
    private readonly apiKey: string,
    private readonly fetch: (url: string, init?: RequestInit) => Promise<Response>,
  ) {}

  async topResults(query: string, where: { language: string; country?: string }): Promise<string[]> {
    const url = new URL('/search.json', this.baseUrl);
    url.search = new URLSearchParams({
      engine: 'google',
      q: query,
      num: String(SERP_TOP_RESULTS),
      hl: where.language,
      ...(where.country ? { gl: where.country } : {}),
      api_key: this.apiKey,
    }).toString();
    const res = await this.fetch(url.href, { headers: { accept: 'application/json' } });
    const body = (await res.json().catch(() => null)) as {
      error?: unknown;
      organic_results?: { position?: unknown; link?: unknown }[];
    } | null;
    if (!res.ok || !body || typeof body !== 'object') {
      const said = body && typeof body.error === 'string' ? `: ${body.error.slice(0, 200)}` : '';
      throw new SerpProviderError(`SerpApi answered ${res.status}${said}`, res.status === 429 || res.status >= 500);
    }
    // "Google hasn't returned any results for this query." is an answer: no results.
    const organic = Array.isArray(body.organic_results) ? body.organic_results : [];
    return organic
      .filter((r): r is { position?: number; link: string } => typeof r?.link === 'string' && r.link !== '')
      .sort((a, b) => (Number(a.position) || Infinity) - (Number(b.position) || Infinity))
      .slice(0, SERP_TOP_RESULTS)
      .map((r) => r.link);
  }
}

/** The name of the platform's SERP provider when the server's settings make one usable (its key is set), else null. */
export function serpProviderName(config: Pick<Config, 'SERP_PROVIDER' | 'SERPAPI_API_KEY'>): 'serpapi' | null {
  return config.SERP_PROVIDER === 'serpapi' && config.SERPAPI_API_KEY ? 'serpapi' : null;
}

/** The platform's SERP provider from the server's settings (SERP_PROVIDER, SERPAPI_API_KEY), or null. */
export function serpProviderFrom(config: Config, outbound: OutboundPolicy): SerpProvider | null {
  const apiKey = serpProviderName(config) && config.SERPAPI_API_KEY;
  if (!apiKey) return null;
  // The platform's own provider, set by its operators: trusted like the platform's AI keys.
  const fetcher = outbound.fetcher({ trusted: true });
  return new SerpApiProvider(config.SERPAPI_BASE_URL, apiKey, (u, init) => fetcher(u, init));
}
