// A stand-in for SerpApi's Google search (GET /search.json), for tests of the real SERP client.
// Test-only: never imported by product code.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SerpStandIn {
  /** e.g. http://127.0.0.1:PORT (the client's base URL) */
  readonly origin: string;
  /** Every search asked, oldest first: its query parameters. */
  readonly searches: Record<string, string>[];
  /** From now on `query` (case and spacing ignored) answers these organic results, best first. */
  setResults(query: string, links: readonly string[]): void;
  /** The next `times` searches answer `status` with SerpApi's error body. */
  fail(status: number, times?: number): void;
  close(): Promise<void>;
}

const key = (q: string) => q.toLowerCase().replace(/\s+/g, ' ').trim();

/** Starts on a free loopback port. `apiKey`: the only key accepted (401 otherwise, as SerpApi answers). */
export async function startSerpStandIn(apiKey: string, port = 0): Promise<SerpStandIn> {
  const results = new Map<string, string[]>();
  const searches: Record<string, string>[] = [];
  const failures: number[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://standin');
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method !== 'GET' || url.pathname !== '/search.json') return send(404, { error: 'Not found' });
    const params = Object.fromEntries(url.searchParams);
    searches.push(params);
    if (params.api_key !== apiKey)
      return send(401, { error: 'Invalid API key. Your API key should be here: https://serpapi.com/manage-api-key' });
    const failing = failures.shift();
    if (failing)
      return send(failing, { error: failing === 429 ? 'Your account has run out of searches.' : 'Internal error' });
    const q = params.q ?? '';
    // Unknown queries: a page per word, so results overlap as the words do.
    const links =
      results.get(key(q)) ??
      key(q)
        .split(' ')
        .filter(Boolean)
        .map((w) => `https://${w}.example/guide`);
    const num = Number(params.num ?? 10);
    send(200, {
      search_metadata: { status: 'Success' },
      search_parameters: { engine: params.engine, q, hl: params.hl, gl: params.gl },
      // Out of order on purpose: clients sort by position.
      organic_results: links
        .slice(0, num)
        .map((link, i) => ({ position: i + 1, title: `Result ${i + 1}`, link }))
        .reverse(),
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const bound = (server.address() as AddressInfo).port;
  return {
    origin: `http://127.0.0.1:${bound}`,
    searches,
    setResults: (query, links) => void results.set(key(query), [...links]),
    fail: (status, times = 1) => void failures.push(...Array<number>(times).fill(status)),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
