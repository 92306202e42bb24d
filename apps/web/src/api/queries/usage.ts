import { useQuery } from '@tanstack/react-query';
import { usageSummarySchema } from '@igny8/contracts';
import { api } from '../client';
import { accountPath } from './accounts';

export interface UsageRange {
  from: string;
  to?: string;
}

export const usageKeys = {
  summary: (accountId: string, range: UsageRange) => ['accounts', accountId, 'usage', range] as const,
};

/** AI calls, tokens and images of the account in a period, by capability, provider, model and source. */
export function useUsage(accountId: string, range: UsageRange) {
  return useQuery({
    queryKey: usageKeys.summary(accountId, range),
    queryFn: ({ signal }) => {
      const q = new URLSearchParams({ from: range.from });
      if (range.to) q.set('to', range.to);
      return api(`${accountPath(accountId)}/usage?${q.toString()}`, { schema: usageSummarySchema, signal });
    },
    placeholderData: (prev) => prev,
  });
}
