import type { ModelPrice } from '@igny8/contracts';
import type { CallUsage } from '../../ai/providers/types';
import type { Actor } from '../../access/context';
import type { Database } from '../../db/client';
import { audit, platformScope } from '../audit/service';
import { listPrices, replacePrices } from './repo';

const TTL_MS = 30_000;

/**
 * The dollars a provider call cost, from the operators' price table (per million input and output
 * tokens, per image). A model without a price costs null: unknown, never a guess.
 */
export class Prices {
  private cache?: { at: number; byModel: Map<string, ModelPrice> };

  constructor(private readonly database: Database) {}

  async list(): Promise<ModelPrice[]> {
    return listPrices(this.database.db);
  }

  /** Operators: the whole price table at once (audited on the platform's log). */
  async replace(items: ModelPrice[], actor: Actor): Promise<void> {
    await this.database.transaction(async ({ db }) => {
      await replacePrices(db, items);
      await audit.record(db, platformScope(actor), {
        action: 'platform.prices_changed',
        details: { models: items.length },
      });
    });
    this.cache = undefined;
  }

  async costOf(
    u: Pick<CallUsage, 'provider' | 'model' | 'inputTokens' | 'outputTokens' | 'images'>,
  ): Promise<number | null> {
    // The offline provider calls nobody: free, not unknown.
    if (u.provider === 'builtin') return 0;
    if (!this.cache || Date.now() - this.cache.at > TTL_MS) {
      this.cache = { at: Date.now(), byModel: new Map((await listPrices(this.database.db)).map((p) => [p.model, p])) };
    }
    // Providers answer with dated model names (gpt-4o-mini-2024-07-18): the longest listed prefix prices them.
    let price = this.cache.byModel.get(u.model);
    if (!price) {
      for (const [model, p] of this.cache.byModel)
        if (u.model.startsWith(`${model}-`) && (!price || model.length > price.model.length)) price = p;
    }
    if (!price) return null;
    const dollars =
      (u.inputTokens * price.inputPerMillion + u.outputTokens * price.outputPerMillion) / 1_000_000 +
      u.images * price.perImage;
    return Math.round(dollars * 1_000_000) / 1_000_000;
  }
}
