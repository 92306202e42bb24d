import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Delivery {
  headers: IncomingHttpHeaders;
  body: Record<string, unknown> & { event: string };
  signatureValid: boolean;
}

/**
 * A CMS receiving igny8's webhook the way its documentation says: checks the HMAC signature of
 * `<timestamp>.<body>` with the shared secret, refuses a bad one with 401, keys posts by
 * publication id, and answers `{ id, url }`.
 */
export async function webhookReceiver(secret: string) {
  const deliveries: Delivery[] = [];
  const posts = new Map<string, { id: string; title: string; status: string }>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const expected = `sha256=${createHmac('sha256', secret).update(`${req.headers['x-igny8-timestamp']}.${raw}`).digest('hex')}`;
      const got = String(req.headers['x-igny8-signature'] ?? '');
      const signatureValid = got.length === expected.length && timingSafeEqual(Buffer.from(got), Buffer.from(expected));
      const body = JSON.parse(raw) as Delivery['body'];
      deliveries.push({ headers: req.headers, body, signatureValid });
      res.setHeader('content-type', 'application/json');
      if (!signatureValid) {
        res.statusCode = 401;
        return res.end(JSON.stringify({ error: 'bad signature' }));
      }
      const publication = body.publication as { id: string } | undefined;
      if (body.event === 'publish' && publication) {
        const existing = posts.get(publication.id);
        const post = {
          id: existing?.id ?? `post-${posts.size + 1}`,
          title: String((body.content as { title: string }).title),
          status: 'publish',
        };
        posts.set(publication.id, post);
        return res.end(JSON.stringify({ id: post.id, url: `https://cms.example/${post.id}` }));
      }
      if (body.event === 'unpublish' && publication) {
        const post = posts.get(publication.id);
        if (post) post.status = String(body.to);
      }
      res.end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/igny8-hook`;
  return {
    url,
    deliveries,
    posts,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
