import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A local HTTP listener that records every request reaching it; `route` answers each one. */
export interface Listener {
  host: string;
  port: number;
  /** http://host:port */
  origin: string;
  hits: { method: string; url: string; headers: IncomingHttpHeaders }[];
  close(): Promise<void>;
}

export async function listen(
  route: (url: string, res: ServerResponse, method: string) => void,
  host = '127.0.0.1',
): Promise<Listener> {
  const hits: Listener['hits'] = [];
  const server = createServer((req, res) => {
    hits.push({ method: req.method ?? 'GET', url: req.url ?? '', headers: req.headers });
    req.resume();
    req.on('end', () => route(req.url ?? '', res, req.method ?? 'GET'));
  });
  await new Promise<void>((r) => server.listen(0, host, r));
  const port = (server.address() as AddressInfo).port;
  return {
    host,
    port,
    origin: `http://${host}:${port}`,
    hits,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
