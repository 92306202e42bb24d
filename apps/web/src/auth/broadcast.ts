import type { Session } from './store';

/**
 * Cross-tab messages on BroadcastChannel('igny8-auth').
 * - `session`: a tab logged in or refreshed; others adopt the token instead of refreshing
 *   themselves (refresh tokens rotate, so fewer refreshes means fewer races).
 * - `logout`: a tab logged out, or its refresh was refused; others drop their session.
 */
export type AuthMessage = { type: 'session'; session: Session } | { type: 'logout' };

const CHANNEL_NAME = 'igny8-auth';

let channel: BroadcastChannel | null | undefined;

function getChannel(): BroadcastChannel | null {
  if (channel !== undefined) return channel;
  if (typeof BroadcastChannel === 'undefined') {
    channel = null;
    return channel;
  }
  channel = new BroadcastChannel(CHANNEL_NAME);
  // Node (unit tests) keeps the process alive for an open channel; browsers have no unref.
  (channel as { unref?: () => void }).unref?.();
  return channel;
}

export function postAuthMessage(message: AuthMessage): void {
  try {
    getChannel()?.postMessage(message);
  } catch (err) {
    // A tab that cannot broadcast still works on its own; the others catch up on their next refresh.
    console.warn('[igny8:auth] broadcast failed', err);
  }
}

export function onAuthMessage(handler: (message: AuthMessage) => void): () => void {
  const ch = getChannel();
  if (!ch) return () => {};
  const listener = (event: MessageEvent<unknown>) => {
    if (isAuthMessage(event.data)) handler(event.data);
  };
  ch.addEventListener('message', listener as EventListener);
  return () => ch.removeEventListener('message', listener as EventListener);
}

function isAuthMessage(data: unknown): data is AuthMessage {
  if (typeof data !== 'object' || data === null) return false;
  const type = (data as { type?: unknown }).type;
  if (type === 'logout') return true;
  if (type !== 'session') return false;
  const session = (data as { session?: Partial<Session> }).session;
  return (
    typeof session?.accessToken === 'string' &&
    typeof session.expiresAt === 'number' &&
    typeof session.user === 'object' &&
    Array.isArray(session.memberships)
  );
}
