/**
 * Where a payment processor plugs in. igny8 sells credits and plans but takes no payments itself
 * yet: operators grant bonus credits and assign plans by hand (`ManualBilling`). A processor such
 * as Stripe would implement this interface — a checkout URL for a plan or a credit pack, and a
 * webhook handler that, once a payment succeeds, calls `Billing.changePlan` or `Billing.grant`
 * (which write the ledger and the audit log as they do for operators) — and replace `ManualBilling`
 * in the runtime. Nothing else changes: charges, holds and limits never depend on how credits came in.
 */
export interface BillingProvider {
  /** what the Billing page says about getting more credits or another plan */
  describe(): { selfServe: boolean; message: string };
  /** a page where the account can pay for `planId` (or null: not self-serve) */
  checkoutUrl(accountId: string, planId: string): Promise<string | null>;
}

export class ManualBilling implements BillingProvider {
  describe() {
    return { selfServe: false, message: 'To change plans or add credits, ask a platform operator.' };
  }

  async checkoutUrl(): Promise<string | null> {
    return null;
  }
}
