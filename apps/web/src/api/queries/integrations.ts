import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  integrationsViewSchema,
  testConnectionResultSchema,
  type Capability,
  type IntegrationsView,
  type SaveIntegrationBody,
} from '@igny8/contracts';
import { api } from '../client';
import { accountPath } from './accounts';

/**
 * AI provider settings, for an account (`A/settings/integrations`) or, for platform operators, the
 * system account whose settings every account falls back to (`/platform/integrations`).
 */
export type IntegrationsTarget =
  | {
      scope: 'account';
      accountId: string;
      /** the platform's own account: its settings are the platform's */ isSystem?: boolean;
    }
  | { scope: 'platform' };

/** Whether the target's settings are the ones every account falls back to. */
export function isPlatformTarget(t: IntegrationsTarget): boolean {
  return t.scope === 'platform' || t.isSystem === true;
}

export const integrationKeys = {
  view: (t: IntegrationsTarget) =>
    t.scope === 'platform'
      ? (['platform', 'integrations'] as const)
      : (['accounts', t.accountId, 'integrations'] as const),
};

function integrationsPath(t: IntegrationsTarget, capability?: Capability): string {
  const base =
    t.scope === 'platform' ? '/api/v1/platform/integrations' : `${accountPath(t.accountId)}/settings/integrations`;
  return capability ? `${base}/${capability}` : base;
}

export function useIntegrations(t: IntegrationsTarget) {
  return useQuery({
    queryKey: integrationKeys.view(t),
    queryFn: ({ signal }) => api(integrationsPath(t), { schema: integrationsViewSchema, signal }),
  });
}

function useSetView(t: IntegrationsTarget) {
  const qc = useQueryClient();
  return async (view: IntegrationsView) => {
    qc.setQueryData(integrationKeys.view(t), view);
    // Platform settings are what accounts fall back to: their views may have changed too.
    if (t.scope === 'platform')
      await qc.invalidateQueries({
        predicate: (q) => q.queryKey[0] === 'accounts' && q.queryKey[2] === 'integrations',
      });
  };
}

export function useSaveIntegration(t: IntegrationsTarget) {
  const setView = useSetView(t);
  return useMutation({
    mutationFn: ({ capability, body }: { capability: Capability; body: SaveIntegrationBody }) =>
      api(integrationsPath(t, capability), { method: 'PUT', body, schema: integrationsViewSchema }),
    meta: { errorTitle: 'Could not save the AI settings' },
    onSuccess: setView,
  });
}

export function useRemoveIntegration(t: IntegrationsTarget) {
  const setView = useSetView(t);
  return useMutation({
    mutationFn: (capability: Capability) =>
      api(integrationsPath(t, capability), { method: 'DELETE', schema: integrationsViewSchema }),
    meta: { errorTitle: 'Could not revert the AI settings' },
    onSuccess: setView,
  });
}

/** A real minimal call with the draft (unsaved) settings; the form shows the outcome itself. */
export function useTestIntegration(t: IntegrationsTarget) {
  return useMutation({
    mutationFn: ({ capability, body }: { capability: Capability; body: SaveIntegrationBody | null }) =>
      api(`${integrationsPath(t, capability)}/test`, { method: 'POST', body, schema: testConnectionResultSchema }),
    meta: { errorTitle: false },
  });
}
