import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  activeAutomationStatuses,
  automationConfigSchema,
  automationOverviewSchema,
  automationRunSchema,
  automationRunStartedSchema,
  automationRunSummarySchema,
  listOf,
  type AutomationConfigBody,
  type AutomationRunStatus,
} from '@igny8/contracts';
import { api } from '../client';
import { siteKeys } from './sites';
import { siteDataPath } from './writer';

/** How often the automation page refreshes while a run is active. */
export const AUTOMATION_POLL_MS = 1500;

export const automationKeys = {
  all: (accountId: string, siteId: string) => [...siteKeys.one(accountId, siteId), 'automation'] as const,
  config: (accountId: string, siteId: string) => [...siteKeys.one(accountId, siteId), 'automation', 'config'] as const,
  overview: (accountId: string, siteId: string) =>
    [...siteKeys.one(accountId, siteId), 'automation', 'overview'] as const,
  runs: (accountId: string, siteId: string, offset: number) =>
    [...siteKeys.one(accountId, siteId), 'automation', 'runs', offset] as const,
  run: (accountId: string, siteId: string, runId: string) =>
    [...siteKeys.one(accountId, siteId), 'automation', 'run', runId] as const,
};

const path = (accountId: string, siteId: string, sub = '') => siteDataPath(accountId, siteId, `automation${sub}`);
const isActive = (status: AutomationRunStatus | undefined) => !!status && activeAutomationStatuses.includes(status);
const runList = listOf(automationRunSummarySchema);

export function useAutomationConfig(accountId: string, siteId: string) {
  return useQuery({
    queryKey: automationKeys.config(accountId, siteId),
    queryFn: ({ signal }) => api(path(accountId, siteId), { schema: automationConfigSchema, signal }),
  });
}

export function useSaveAutomationConfig(accountId: string, siteId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: AutomationConfigBody) =>
      api(path(accountId, siteId), { method: 'PUT', body, schema: automationConfigSchema }),
    meta: { errorTitle: 'Could not save the automation settings' },
    onSuccess: (saved) => qc.setQueryData(automationKeys.config(accountId, siteId), saved),
  });
}

/** What waits at each stage, and the active run: refreshed while a run is active. */
export function useAutomationOverview(accountId: string, siteId: string) {
  return useQuery({
    queryKey: automationKeys.overview(accountId, siteId),
    queryFn: ({ signal }) => api(path(accountId, siteId, '/overview'), { schema: automationOverviewSchema, signal }),
    refetchInterval: (q) => (q.state.data?.activeRun ? AUTOMATION_POLL_MS : false),
  });
}

export function useAutomationRuns(accountId: string, siteId: string, offset: number, limit = 10) {
  return useQuery({
    queryKey: automationKeys.runs(accountId, siteId, offset),
    queryFn: ({ signal }) =>
      api(path(accountId, siteId, `/runs?limit=${limit}&offset=${offset}`), { schema: runList, signal }),
    refetchInterval: (q) => (q.state.data?.items.some((r) => isActive(r.status)) ? AUTOMATION_POLL_MS : false),
  });
}

export function useAutomationRun(accountId: string, siteId: string, runId: string | null) {
  return useQuery({
    queryKey: automationKeys.run(accountId, siteId, runId ?? ''),
    queryFn: ({ signal }) =>
      api(path(accountId, siteId, `/runs/${encodeURIComponent(runId!)}`), { schema: automationRunSchema, signal }),
    enabled: runId !== null,
    refetchInterval: (q) => (isActive(q.state.data?.status) ? AUTOMATION_POLL_MS : false),
  });
}

export function useStartAutomationRun(accountId: string, siteId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api(path(accountId, siteId, '/runs'), { method: 'POST', schema: automationRunStartedSchema }),
    meta: { errorTitle: 'Could not start the run' },
    onSettled: () => qc.invalidateQueries({ queryKey: automationKeys.all(accountId, siteId) }),
  });
}

export type RunAction = 'pause' | 'resume' | 'cancel';

export function useAutomationRunAction(accountId: string, siteId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ runId, action }: { runId: string; action: RunAction }) =>
      api(path(accountId, siteId, `/runs/${encodeURIComponent(runId)}/${action}`), {
        method: 'POST',
        schema: automationRunSchema,
      }),
    meta: { errorTitle: 'Could not change the run' },
    onSettled: () => qc.invalidateQueries({ queryKey: automationKeys.all(accountId, siteId) }),
  });
}
