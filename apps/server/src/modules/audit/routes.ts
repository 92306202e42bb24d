import { auditEventSchema, auditQuerySchema, listOf, platformAuditQuerySchema } from '@igny8/contracts';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { tenantOf } from '../../access/context';
import { policies } from '../../access/policy';
import type { RouteDeps } from '../../http/deps';
import { accountParams } from '../../http/params';
import * as repo from './repo';
import { AUDIT_EXPORT_MAX, auditCsv } from './service';

const tags = ['audit'];

function sendCsv(reply: FastifyReply, name: string, csv: string) {
  return reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${name}-${new Date().toISOString().slice(0, 10)}.csv"`)
    .send(csv);
}

/** Reading the audit log: an account's admins read theirs, platform operators read everything. */
export async function auditRoutes(root: FastifyInstance, { db }: RouteDeps): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const exportQuery = auditQuerySchema.omit({ limit: true, offset: true });

  app.get('/api/v1/accounts/:accountId/audit', {
    config: { policy: policies.member('admin') },
    schema: { tags, params: accountParams, querystring: auditQuerySchema, response: { 200: listOf(auditEventSchema) } },
    handler: async (req) => repo.listAccountAudit(db, tenantOf(req), req.query, req.query),
  });

  app.get('/api/v1/accounts/:accountId/audit/export', {
    config: { policy: policies.member('admin') },
    schema: { tags, params: accountParams, querystring: exportQuery, response: { 200: z.string() } },
    handler: async (req, reply) => {
      const page = await repo.listAccountAudit(db, tenantOf(req), req.query, { limit: AUDIT_EXPORT_MAX, offset: 0 });
      return sendCsv(reply, 'audit', auditCsv(page.items));
    },
  });

  app.get('/api/v1/platform/audit', {
    config: { policy: policies.platformOperator },
    schema: { tags, querystring: platformAuditQuerySchema, response: { 200: listOf(auditEventSchema) } },
    handler: async (req) => repo.listPlatformAudit(db, req.query, req.query),
  });

  app.get('/api/v1/platform/audit/export', {
    config: { policy: policies.platformOperator },
    schema: {
      tags,
      querystring: platformAuditQuerySchema.omit({ limit: true, offset: true }),
      response: { 200: z.string() },
    },
    handler: async (req, reply) => {
      const page = await repo.listPlatformAudit(db, req.query, { limit: AUDIT_EXPORT_MAX, offset: 0 });
      return sendCsv(reply, 'platform-audit', auditCsv(page.items));
    },
  });
}
