import { useRef } from 'react';
import { useMutation } from '@tanstack/react-query';
import type { TaskStarted } from '@igny8/contracts';

/** 128 random bits as hex: also where `crypto.randomUUID` is missing (plain http on a LAN host). */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * A mutation that starts a task. Each intended start carries one `Idempotency-Key`: a double click
 * (or a retry after a lost answer) with the same request sends the same key, so the server answers
 * the same task instead of starting two; a new request, or a start after a success, gets a new key.
 * `meta.startsTaskIn` lets the app show the task already running when the server answers 409.
 */
export function useTaskStartMutation<V, R = TaskStarted>(opts: {
  accountId: string;
  mutationFn: (vars: V, idempotencyKey: string) => Promise<R>;
  /** What makes two requests the same start (default: the variables as JSON) */
  requestId?: (vars: V) => string;
  errorTitle: string | false;
  onSuccess?: (data: R, vars: V) => unknown;
}) {
  const current = useRef<{ request: string; key: string } | null>(null);
  return useMutation({
    mutationFn: (vars: V) => {
      const request = opts.requestId ? opts.requestId(vars) : JSON.stringify(vars ?? null);
      if (current.current?.request !== request) current.current = { request, key: newIdempotencyKey() };
      return opts.mutationFn(vars, current.current.key);
    },
    meta: { errorTitle: opts.errorTitle, startsTaskIn: opts.accountId },
    onSuccess: (data, vars) => {
      current.current = null;
      return opts.onSuccess?.(data, vars);
    },
  });
}

export const idempotencyHeader = (key: string) => ({ 'Idempotency-Key': key });
