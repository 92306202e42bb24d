import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../db/client';
import { requireSite, type SiteRow } from '../modules/sites/repo';

declare module 'fastify' {
  interface FastifyRequest {
    site?: SiteRow;
  }
}

/**
 * Site scope, like tenant scope: every route with a `:siteId` under an account gets
 * the site loaded once here, or a 404 when it is not the tenant's.
 */
export function registerSiteScope(app: FastifyInstance, db: Db): void {
  app.addHook('preHandler', async (req) => {
    const siteId = (req.params as { siteId?: string } | undefined)?.siteId;
    if (siteId !== undefined && req.tenant) req.site = await requireSite(db, req.tenant, siteId);
  });
}

export function siteOf(req: FastifyRequest): SiteRow {
  if (!req.site) throw new Error(`route ${req.routeOptions.url} has no site: it has no :siteId under a member policy`);
  return req.site;
}
