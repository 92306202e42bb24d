import { ProviderError } from '../ai/providers/errors';
import { AppError } from '../http/errors';

/** A task stopped because its items kept failing the same way: what failed and what to change. */
export class TaskFailedFast extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Counts items that fail in a row with the same error code, in the order they finish. After `after`
 * of them the cause is a setting or an outage, not bad luck: `tripped` says so, with the provider's
 * message and what to change. Errors about one item only (a prompt refused by the content policy)
 * neither count nor break the run.
 */
export class FailFast {
  private code?: string;
  private count = 0;
  tripped?: TaskFailedFast;

  constructor(private readonly after: number) {}

  /** An item succeeded (`null`) or failed with `error`; returns the trip when this failure causes one. */
  record(error: unknown): TaskFailedFast | undefined {
    if (error === null) {
      this.code = undefined;
      this.count = 0;
      return undefined;
    }
    if (error instanceof ProviderError && error.itemSpecific) return undefined;
    const code = error instanceof ProviderError || error instanceof AppError ? error.code : 'item_failed';
    this.count = code === this.code ? this.count + 1 : 1;
    this.code = code;
    if (this.count < this.after || this.tripped) return undefined;
    const message = error instanceof Error ? error.message : String(error);
    const hint =
      error instanceof ProviderError && error.hint
        ? ` ${error.hint}`
        : code === 'insufficient_credits'
          ? ' Ask a platform operator for credits, or wait for the next period.'
          : '';
    this.tripped = new TaskFailedFast(
      code,
      `Stopped after ${this.count} items in a row failed the same way: ${message.slice(0, 300).replace(/[.\s]+$/, '')}.${hint}`,
    );
    return this.tripped;
  }
}
