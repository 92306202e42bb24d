import { MutationCache, QueryClient } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import { ApiError, MissingTokenError } from '../api/errors';
import { taskKeys } from '../api/queries/tasks';
import { authStore } from '../auth/store';
import { reloadProfile } from '../auth/session';
import { announceTaskStarted } from '../features/tasks/channel';
import { trackTaskId } from '../features/tasks/store';
import { notifyError } from '../lib/notify';

declare module '@tanstack/react-query' {
  interface Register {
    mutationMeta: {
      /** Title of the error notification; `false` when the form shows the error itself. */
      errorTitle?: string | false;
      /** The mutation starts a task in this account: a 409 task_already_running shows the running one. */
      startsTaskIn?: string;
    };
  }
}

const billingTitles: Record<string, string> = {
  insufficient_credits: 'Not enough credits',
  plan_limit: 'Plan limit reached',
};

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
        const accountId = mutation.meta?.startsTaskIn;
        const runningId =
          error instanceof ApiError && error.code === 'task_already_running'
            ? (error.details as { taskId?: unknown } | undefined)?.taskId
            : undefined;
        if (accountId && typeof runningId === 'string') {
          // Not a failure: that work is already under way. Show it in the tray instead of starting it twice.
          trackTaskId(accountId, runningId);
          announceTaskStarted(accountId, runningId);
          void client.invalidateQueries({ queryKey: taskKeys.all(accountId) });
          notifications.show({
            color: 'indigo',
            title: 'Already running',
            message: `${error.message}: follow it in the task tray.`,
            autoClose: 6000,
          });
          return;
        }
        const title = mutation.meta?.errorTitle;
        // Credits and plan limits are not failures of the request: say what they are.
        const billingTitle = error instanceof ApiError ? billingTitles[error.code] : undefined;
        if (title !== false) notifyError(error, billingTitle ?? title);
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
