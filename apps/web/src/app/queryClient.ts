import { MutationCache, QueryClient } from '@tanstack/react-query';
import { ApiError, MissingTokenError } from '../api/errors';
import { authStore } from '../auth/store';
import { reloadProfile } from '../auth/session';
import { notifyError } from '../lib/notify';

declare module '@tanstack/react-query' {
  interface Register {
    mutationMeta: {
      /** Title of the error notification; `false` when the form shows the error itself. */
      errorTitle?: string | false;
    };
  }
}

/** A 403 about roles or account state means our cached memberships are stale. */
const STALE_PROFILE_CODES = new Set(['role_insufficient', 'account_inactive', 'platform_only']);

function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof MissingTokenError) return false;
  if (error instanceof ApiError && error.status < 500) return false;
  return failureCount < 2;
}

export function createQueryClient(): QueryClient {
  const client = new QueryClient({
    defaultOptions: {
      queries: { retry: shouldRetry, staleTime: 15_000 },
      mutations: { retry: false },
    },
    mutationCache: new MutationCache({
      onError: (error, _vars, _ctx, mutation) => {
        if (error instanceof ApiError && STALE_PROFILE_CODES.has(error.code)) {
          void reloadProfile().catch(() => {});
        }
        const title = mutation.meta?.errorTitle;
        if (title !== false) notifyError(error, title);
      },
    }),
  });

  // Data of one user must never show for the next one (logout, or another tab signed in as
  // someone else).
  authStore.subscribe((state, prev) => {
    if (state.user?.id !== prev.user?.id && prev.user) client.clear();
  });
  return client;
}

export const queryClient = createQueryClient();
