import { useQuery } from '@tanstack/react-query';
import { setupStatusSchema } from '@igny8/contracts';
import { api } from '../client';

export const setupStatusKey = ['setup-status'] as const;

/** Public: whether the first admin still has to be created and whether sign-up is open. */
export function useSetupStatus() {
  return useQuery({
    queryKey: setupStatusKey,
    queryFn: ({ signal }) => api('/api/v1/setup/status', { schema: setupStatusSchema, signal }),
    staleTime: 30_000,
  });
}
