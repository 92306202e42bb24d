// Scripted faults, queued per endpoint and consumed one per request, in order.
import { ENDPOINTS, FAULTS, type Endpoint, type Fault, type FaultOptions, type QueuedFault } from './types';

const CHAT_ONLY: readonly Fault[] = ['fenced_json'];

export class FaultQueue {
  private readonly queues = new Map<Endpoint, QueuedFault[]>();

  add(endpoint: Endpoint, fault: Fault, options: FaultOptions = {}): void {
    if (!ENDPOINTS.includes(endpoint))
      throw new Error(`mock-openai: unknown endpoint "${endpoint}" (${ENDPOINTS.join(', ')})`);
    if (!FAULTS.includes(fault)) throw new Error(`mock-openai: unknown fault "${fault}" (${FAULTS.join(', ')})`);
    if (CHAT_ONLY.includes(fault) && endpoint !== 'chat')
      throw new Error(`mock-openai: fault "${fault}" applies to chat only`);
    const times = options.times ?? 1;
    if (!(times >= 1) || (Number.isFinite(times) && !Number.isInteger(times))) {
      throw new Error(`mock-openai: times must be a positive integer or Infinity, got ${times}`);
    }
    const queue = this.queues.get(endpoint) ?? [];
    queue.push({ ...options, fault, remaining: times });
    this.queues.set(endpoint, queue);
  }

  /** The fault for this request, if any; counts it as used. */
  take(endpoint: Endpoint): QueuedFault | undefined {
    const queue = this.queues.get(endpoint);
    const head = queue?.[0];
    if (!queue || !head) return undefined;
    head.remaining -= 1;
    if (head.remaining <= 0) queue.shift();
    return head;
  }

  pending(): Record<Endpoint, { fault: Fault; remaining: number }[]> {
    const out = {} as Record<Endpoint, { fault: Fault; remaining: number }[]>;
    for (const endpoint of ENDPOINTS) {
      out[endpoint] = (this.queues.get(endpoint) ?? []).map(({ fault, remaining }) => ({ fault, remaining }));
    }
    return out;
  }

  clear(): void {
    this.queues.clear();
  }
}
