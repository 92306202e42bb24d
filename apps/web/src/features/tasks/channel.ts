/**
 * Other tabs of this browser learn about a task started here at once, instead of on their next
 * idle poll. Messages on BroadcastChannel('igny8-tasks'): `{ type: 'started', accountId, taskId }`.
 */
export interface TaskStartedMessage {
  type: 'started';
  accountId: string;
  taskId: string;
}

let channel: BroadcastChannel | null | undefined;

function getChannel(): BroadcastChannel | null {
  if (channel !== undefined) return channel;
  channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel('igny8-tasks');
  (channel as { unref?: () => void } | null)?.unref?.();
  return channel;
}

export function announceTaskStarted(accountId: string, taskId: string): void {
  try {
    getChannel()?.postMessage({ type: 'started', accountId, taskId } satisfies TaskStartedMessage);
  } catch {
    // The other tabs find the task on their next poll.
  }
}

export function onTaskStarted(handler: (message: TaskStartedMessage) => void): () => void {
  const ch = getChannel();
  if (!ch) return () => {};
  const listener = (event: MessageEvent<unknown>) => {
    const data = event.data as Partial<TaskStartedMessage> | null;
    if (data?.type === 'started' && typeof data.accountId === 'string' && typeof data.taskId === 'string') {
      handler(data as TaskStartedMessage);
    }
  };
  ch.addEventListener('message', listener as EventListener);
  return () => ch.removeEventListener('message', listener as EventListener);
}
