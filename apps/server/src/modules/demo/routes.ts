import { siteSchema } from '@igny8/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { tenantOf } from '../../access/context';
import { policies } from '../../access/policy';
import type { RouteDeps } from '../../http/deps';
import { accountParams } from '../../http/params';
import { conflict } from '../../http/errors';
import { upsertKeywords } from '../keywords/repo';
import { sectorOrDefault } from '../sectors/repo';
import { countSites, createSite, toSite } from '../sites/repo';
import { demoKeywords } from './keywords';

/** "Load demo site": a realistic coffee blog with 160 keywords, on an account that has no sites yet. */
export async function demoRoutes(root: FastifyInstance, { db }: RouteDeps): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.post('/api/v1/accounts/:accountId/demo', {
    config: { policy: policies.member('editor') },
    schema: { tags: ['sites'], params: accountParams, response: { 201: siteSchema } },
    handler: async (req, reply) => {
      const t = tenantOf(req);
      const site = await db.transaction(async (tx) => {
        if ((await countSites(tx, t)) > 0)
          throw conflict('conflict', 'The demo loads only into an account without sites');
        const s = await createSite(tx, t, {
          name: 'Demo: Home Barista',
          url: 'https://home-barista.example',
          language: 'en',
          niche: 'Home coffee brewing: gear, beans and techniques',
        });
        const sector = await sectorOrDefault(tx, t, s.id, undefined);
        await upsertKeywords(tx, t, s.id, demoKeywords(), {
          language: s.language,
          source: 'import',
          sectorId: sector.id,
        });
        return s;
      });
      return reply.status(201).send(toSite(site));
    },
  });
}
