import type { MockOpenAIControl, RecordedRequest } from '../../mock-openai';
import { mockControl } from './providers';

/**
 * The mock provider across the steps of a spec: canned replies are queued per step and whatever
 * a step left over is dropped with a reset, so the requests are collected before every reset.
 */
export class MockLog {
  readonly control: MockOpenAIControl = mockControl();
  private readonly seen: RecordedRequest[] = [];

  /** Forgets everything earlier specs did to the mock. */
  async begin(): Promise<void> {
    await this.control.reset();
  }

  /** Keeps the requests so far, then resets the mock (canned replies, faults, latency). */
  async endStep(): Promise<void> {
    this.seen.push(...(await this.control.requests()));
    await this.control.reset();
  }

  /** Every request the mock recorded since `begin()`. */
  async all(): Promise<RecordedRequest[]> {
    return [...this.seen, ...(await this.control.requests())];
  }
}
