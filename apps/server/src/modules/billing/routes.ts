import {
  accountBillingSchema,
  ledgerEntrySchema,
  ledgerQuerySchema,
  listOf,
  type CreditCosts,
  fetchSerpsBodySchema,
  MATCHING_IDS_MAX,
} from '@igny8/contracts';
import { stringify } from 'csv-stringify/sync';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { tenantOf } from '../../access/context';
import { policies } from '../../access/policy';
import { siteOf } from '../../access/site-scope';
import { spreadsheetText } from '../../http/csv';
import type { RouteDeps } from '../../http/deps';
import { accountParams, siteParams } from '../../http/params';
import { requireClusterNames } from '../clusters/repo';
import { requireKeywordIds } from '../keywords/repo';
import { requireSector } from '../sectors/repo';
import { requireIds } from '../writer/repo';
import { estimates, type CreditEstimate } from './estimates';
import { ledgerPages, listLedger } from './repo';

// Up to what a start takes: "select all matching" may pick that many.
const tags = ['billing'];

/** What a start would hold, for the start dialogs: the same estimate the start itself makes. */
const estimateBodySchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('clusters.auto'),
    keywordIds: z.array(z.uuid()).min(1).max(100_000).optional(),
    sectorId: z.uuid().optional(),
  }),
  z.object({
    kind: z.literal('ideas.generate'),
    clusterIds: z.array(z.uuid()).min(1).max(MATCHING_IDS_MAX),
    perCluster: z.number().int().min(1).max(10),
  }),
  z.object({ kind: z.literal('content.generate'), writerTaskIds: z.array(z.uuid()).min(1).max(MATCHING_IDS_MAX) }),
  z.object({ kind: z.literal('image_prompts.generate'), contentIds: z.array(z.uuid()).min(1).max(MATCHING_IDS_MAX) }),
  z.object({ kind: z.literal('keywords.serps'), keywordIds: fetchSerpsBodySchema.shape.keywordIds }),
  z.object({
    kind: z.literal('images.generate'),
    contentIds: z.array(z.uuid()).min(1).max(MATCHING_IDS_MAX).optional(),
    imagePromptIds: z.array(z.uuid()).min(1).max(5000).optional(),
  }),
]);
/** The account's starts that belong to no site (a brand voice's "Learn from samples"). */
const accountEstimateBodySchema = z.discriminatedUnion('kind', [z.object({ kind: z.literal('brand_voices.learn') })]);
const estimateSchema = z.object({
  credits: z.number().int(),
  /** false when the work runs on the account's own keys, offline, or on the platform's own account: nothing is charged */
  charged: z.boolean(),
  available: z.number().int(),
});

const LEDGER_COLUMNS = [
  'Date',
  'Kind',
  'Operation',
  'Amount',
  'Plan credits',
  'Bonus credits',
  'Balance after',
  'Task run',
  'Item',
  'By',
  'Reason',
];

export async function billingRoutes(root: FastifyInstance, { db, billing, integrations }: RouteDeps): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const A = '/api/v1/accounts/:accountId/billing';

  // Every member sees the balance and the plan (it says what a start can use); the ledger is for admins.
  app.get(A, {
    config: { policy: policies.member('viewer') },
    schema: { tags, params: accountParams, response: { 200: accountBillingSchema } },
    handler: async (req) => billing.view(tenantOf(req).accountId),
  });

  app.get(`${A}/ledger`, {
    config: { policy: policies.member('admin') },
    schema: {
      tags,
      params: accountParams,
      querystring: ledgerQuerySchema,
      response: { 200: listOf(ledgerEntrySchema) },
    },
    handler: async (req) => listLedger(db, tenantOf(req), req.query),
  });

  app.get(`${A}/ledger/export`, {
    config: { policy: policies.member('admin') },
    schema: { tags, params: accountParams, querystring: ledgerQuerySchema.omit({ limit: true, offset: true }) },
    handler: async (req, reply) => {
      const lines = [stringify([LEDGER_COLUMNS])];
      for await (const page of ledgerPages(db, tenantOf(req), req.query)) {
        lines.push(
          stringify(
            page.map((e) => [
              e.createdAt,
              e.kind,
              e.operation,
              e.amount,
              e.planAmount,
              e.bonusAmount,
              e.balanceAfter,
              e.taskRunId,
              spreadsheetText(e.itemKey),
              e.actorUserId,
              spreadsheetText(e.reason),
            ]),
          ),
        );
      }
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="credit-ledger.csv"')
        .send(lines.join(''));
    },
  });

  app.post('/api/v1/accounts/:accountId/sites/:siteId/billing/estimate', {
    config: { policy: policies.member('viewer') },
    schema: { tags, params: siteParams, body: estimateBodySchema, response: { 200: estimateSchema } },
    handler: async (req) => {
      const t = tenantOf(req);
      const site = siteOf(req);
      const costs: CreditCosts = await billing.costs();
      const b = req.body;
      let est: CreditEstimate;
      switch (b.kind) {
        case 'clusters.auto':
          if (b.keywordIds) await requireKeywordIds(db, t, site.id, b.keywordIds);
          if (b.sectorId) await requireSector(db, t, site.id, b.sectorId);
          est = await estimates.autoCluster(db, t, site.id, costs, b.keywordIds, b.sectorId);
          break;
        case 'ideas.generate':
          est = estimates.ideas(
            costs,
            (await requireClusterNames(db, t, site.id, [...new Set(b.clusterIds)])).length,
            b.perCluster,
          );
          break;
        case 'content.generate':
          est = await estimates.content(
            db,
            t,
            site.id,
            costs,
            await requireIds(db, t, site.id, 'writerTask', b.writerTaskIds),
          );
          break;
        case 'image_prompts.generate':
          est = estimates.imagePrompts(costs, (await requireIds(db, t, site.id, 'content', b.contentIds)).length);
          break;
        case 'keywords.serps':
          est = estimates.serpSearches(costs, (await requireKeywordIds(db, t, site.id, b.keywordIds)).size);
          break;
        case 'images.generate': {
          const ids = new Set(
            b.imagePromptIds ? await requireIds(db, t, site.id, 'imagePrompt', b.imagePromptIds) : [],
          );
          if (b.contentIds)
            for (const id of await estimates.promptsOfContents(
              db,
              t,
              site.id,
              await requireIds(db, t, site.id, 'content', b.contentIds),
            ))
              ids.add(id);
          est = await estimates.images(integrations, t, costs, ids.size);
          break;
        }
      }
      return answer(t.accountId, est);
    },
  });

  app.post(`${A}/estimate`, {
    config: { policy: policies.member('viewer') },
    schema: { tags, params: accountParams, body: accountEstimateBodySchema, response: { 200: estimateSchema } },
    handler: async (req) => {
      const costs: CreditCosts = await billing.costs();
      switch (req.body.kind) {
        case 'brand_voices.learn':
          return answer(tenantOf(req).accountId, estimates.styleGuide(costs));
      }
    },
  });

  /** The estimate as the dialogs show it: nothing is charged on the account's own keys or offline. */
  async function answer(accountId: string, est: CreditEstimate): Promise<z.infer<typeof estimateSchema>> {
    const charged = est.credits > 0 && (await billing.chargesFor(accountId, est.service));
    const view = await billing.view(accountId);
    return { credits: charged ? est.credits : 0, charged, available: view.available };
  }
}
