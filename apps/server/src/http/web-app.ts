import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { relative, sep } from 'node:path';

/** Vite's output: every file under assets/ has a content hash in its name, so it never changes. */
const HASHED_DIR = 'assets';
export const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * The built web app: hashed assets are cached for a year without revalidation (a new build has
 * new names), everything else (index.html, unhashed files) is revalidated on every load. Brotli or
 * gzip copies made at build time (apps/web/scripts/precompress.mjs) are sent when the client
 * accepts them. Client-side routes answer the app shell.
 */
export async function webAppRoutes(app: FastifyInstance, webDist: string): Promise<void> {
  await app.register(fastifyStatic, {
    root: webDist,
    wildcard: false,
    preCompressed: true,
    cacheControl: false,
    setHeaders: (res, path) => {
      const hashed = relative(webDist, path).split(sep)[0] === HASHED_DIR;
      res.setHeader('cache-control', hashed ? IMMUTABLE : 'no-cache');
      res.setHeader('vary', 'accept-encoding');
    },
  });
  app.get('/*', (req, reply) => {
    // Unknown API paths and missing build assets are 404s, not the app shell.
    if (req.url.startsWith('/api/') || req.url.startsWith(`/${HASHED_DIR}/`)) return reply.callNotFound();
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
