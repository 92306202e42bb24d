import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  accountBillingSchema,
  creditCostsSchema,
  ledgerEntrySchema,
  listOf,
  modelPricesSchema,
  planSchema,
  type CreditCosts,
  type LedgerKind,
  type ModelPrice,
  type PlanBody,
} from '@igny8/contracts';
import { z } from 'zod';
import { api, apiBlob } from '../client';
import { accountPath } from './accounts';
import { toSearch } from './keywords';
import { sitePath } from './sites';

export const billingKeys = {
  account: (accountId: string) => ['accounts', accountId, 'billing'] as const,
  ledger: (accountId: string, q: LedgerFilter) => ['accounts', accountId, 'billing', 'ledger', q] as const,
  estimate: (accountId: string, siteId: string | null, body: EstimateBody) =>
    ['accounts', accountId, 'billing', 'estimate', siteId, body] as const,
  plans: ['platform', 'plans'] as const,
  costs: ['platform', 'billing', 'costs'] as const,
  prices: ['platform', 'billing', 'prices'] as const,
  platformAccount: (accountId: string) => ['platform', 'accounts', accountId, 'billing'] as const,
};

/** The account's plan, balances, limits and what was spent this period (every member). */
export function useBilling(accountId: string) {
  return useQuery({
    queryKey: billingKeys.account(accountId),
    queryFn: ({ signal }) => api(`${accountPath(accountId)}/billing`, { schema: accountBillingSchema, signal }),
  });
}

export interface LedgerFilter {
  kind?: LedgerKind;
  limit: number;
  offset: number;
}

export function useLedger(accountId: string, q: LedgerFilter) {
  return useQuery({
    queryKey: billingKeys.ledger(accountId, q),
    queryFn: ({ signal }) =>
      api(
        `${accountPath(accountId)}/billing/ledger${toSearch({ kind: q.kind, limit: String(q.limit), offset: String(q.offset) })}`,
        { schema: listOf(ledgerEntrySchema), signal },
      ),
    placeholderData: keepPreviousData,
  });
}

export async function downloadLedgerCsv(
  accountId: string,
  kind?: LedgerKind,
): Promise<{ blob: Blob; filename: string }> {
  const { blob, filename } = await apiBlob(`${accountPath(accountId)}/billing/ledger/export${toSearch({ kind })}`);
  return { blob, filename: filename ?? 'credit-ledger.csv' };
}

/** What a start would hold: the body of the start, with its kind. */
export type EstimateBody =
  | { kind: 'clusters.auto'; keywordIds?: string[]; sectorId?: string }
  | { kind: 'ideas.generate'; clusterIds: string[]; perCluster: number }
  | { kind: 'content.generate'; writerTaskIds: string[] }
  | { kind: 'image_prompts.generate'; contentIds: string[] }
  | { kind: 'keywords.serps'; keywordIds: string[] }
  | { kind: 'images.generate'; contentIds?: string[]; imagePromptIds?: string[] }
  | { kind: 'brand_voices.learn' };

const estimateSchema = z.object({ credits: z.number().int(), charged: z.boolean(), available: z.number().int() });
export type CreditEstimate = z.infer<typeof estimateSchema>;

/** The credits a start will hold (the server's own estimate), while `body` is set; `siteId` null for the account's own starts. */
export function useCreditEstimate(accountId: string, siteId: string | null, body: EstimateBody | null) {
  return useQuery({
    queryKey: billingKeys.estimate(accountId, siteId, body ?? { kind: 'clusters.auto' }),
    queryFn: ({ signal }) =>
      api(`${siteId ? sitePath(accountId, siteId) : accountPath(accountId)}/billing/estimate`, {
        method: 'POST',
        body,
        schema: estimateSchema,
        signal,
      }),
    enabled: body !== null,
    staleTime: 5_000,
    placeholderData: keepPreviousData,
  });
}

// ---- platform operators ----

export function usePlans() {
  return useQuery({
    queryKey: billingKeys.plans,
    queryFn: ({ signal }) => api('/api/v1/platform/plans', { schema: listOf(planSchema), signal }),
  });
}

export function useSavePlan() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string | null; body: PlanBody }) =>
      api(id ? `/api/v1/platform/plans/${encodeURIComponent(id)}` : '/api/v1/platform/plans', {
        method: id ? 'PUT' : 'POST',
        body,
        schema: planSchema,
      }),
    meta: { errorTitle: 'Could not save the plan' },
    onSuccess: () => qc.invalidateQueries({ queryKey: billingKeys.plans }),
  });
}

export function useCosts() {
  return useQuery({
    queryKey: billingKeys.costs,
    queryFn: ({ signal }) => api('/api/v1/platform/billing/costs', { schema: creditCostsSchema, signal }),
  });
}

export function useSaveCosts() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (costs: CreditCosts) =>
      api('/api/v1/platform/billing/costs', { method: 'PUT', body: costs, schema: creditCostsSchema }),
    meta: { errorTitle: 'Could not save the costs' },
    onSuccess: (costs) => qc.setQueryData(billingKeys.costs, costs),
  });
}

export function usePrices() {
  return useQuery({
    queryKey: billingKeys.prices,
    queryFn: ({ signal }) => api('/api/v1/platform/billing/prices', { schema: modelPricesSchema, signal }),
  });
}

export function useSavePrices() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (items: ModelPrice[]) =>
      api('/api/v1/platform/billing/prices', { method: 'PUT', body: { items }, schema: modelPricesSchema }),
    meta: { errorTitle: 'Could not save the price table' },
    onSuccess: (prices) => qc.setQueryData(billingKeys.prices, prices),
  });
}

export function usePlatformAccountBilling(accountId: string | null) {
  return useQuery({
    queryKey: billingKeys.platformAccount(accountId ?? ''),
    queryFn: ({ signal }) =>
      api(`/api/v1/platform/accounts/${encodeURIComponent(accountId!)}/billing`, {
        schema: accountBillingSchema,
        signal,
      }),
    enabled: accountId !== null,
  });
}

/** Operators: grant (+) or take back (−) bonus credits, or change an account's plan. */
export function useAccountCredits(accountId: string) {
  const qc = useQueryClient();
  const done = (data: z.infer<typeof accountBillingSchema>) => {
    qc.setQueryData(billingKeys.platformAccount(accountId), data);
    void qc.invalidateQueries({ queryKey: billingKeys.account(accountId) });
    void qc.invalidateQueries({ queryKey: billingKeys.plans });
  };
  const grant = useMutation({
    mutationFn: (body: { amount: number; reason: string }) =>
      api(`/api/v1/platform/accounts/${encodeURIComponent(accountId)}/credits`, {
        method: 'POST',
        body,
        schema: accountBillingSchema,
      }),
    meta: { errorTitle: 'Could not change the credits' },
    onSuccess: done,
  });
  const changePlan = useMutation({
    mutationFn: (body: { planId: string; reason?: string }) =>
      api(`/api/v1/platform/accounts/${encodeURIComponent(accountId)}/plan`, {
        method: 'PUT',
        body,
        schema: accountBillingSchema,
      }),
    meta: { errorTitle: 'Could not change the plan' },
    onSuccess: done,
  });
  return { grant, changePlan };
}
