import { createServer, request, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A reverse proxy in front of a real server that can lose answers: a request matching `drop` is
 * forwarded and fully handled upstream, then its answer never reaches the client: the connection
 * is cut (`cut`), or nothing is sent until the client gives up (`hold`, a timeout). Either way the
 * server committed. Link headers naming the upstream origin are rewritten to the proxy's.
 */
export interface LossyProxy {
  origin: string;
  /** how many answers were cut */
  dropped: number;
  drop(match: (req: IncomingMessage) => boolean, mode?: 'cut' | 'hold', times?: number): void;
  close(): Promise<void>;
}

export async function lossyProxy(upstream: string): Promise<LossyProxy> {
  const target = new URL(upstream);
  let rule: { match: (req: IncomingMessage) => boolean; mode: 'cut' | 'hold'; left: number } | undefined;
  const state = { dropped: 0 };
  let origin = '';
  const server = createServer((req, res) => {
    const lose = rule && rule.left > 0 && rule.match(req) ? rule.mode : undefined;
    if (lose) rule!.left--;
    const up = request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: target.host },
      },
      (answer) => {
        if (lose) {
          answer.resume();
          answer.on('end', () => {
            state.dropped++;
            if (lose === 'cut') req.socket.destroy();
          });
          return;
        }
        const headers = { ...answer.headers };
        if (typeof headers.link === 'string') headers.link = headers.link.split(target.origin).join(origin);
        res.writeHead(answer.statusCode ?? 502, headers);
        answer.pipe(res);
      },
    );
    up.on('error', () => res.destroy());
    req.pipe(up);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    get dropped() {
      return state.dropped;
    },
    drop(match, mode = 'cut', times = 1) {
      rule = { match, mode, left: times };
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
