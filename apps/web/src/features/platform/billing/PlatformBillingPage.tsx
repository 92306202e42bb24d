import { Stack } from '@mantine/core';
import { PageHeader } from '../../../components/PageHeader';
import { CostsPanel, PricesPanel } from './CostsPanel';
import { PlansPanel } from './PlansPanel';

/** `/platform/billing`: plans, credits per operation and the price table (operators). */
export function PlatformBillingPage() {
  return (
    <Stack gap="lg">
      <PageHeader
        title="Plans and credits"
        description="Plans with their credits and limits, what each operation costs in credits, and the dollar price of each model. Grant credits or change a plan from an account, under Platform settings."
      />
      <PlansPanel />
      <CostsPanel />
      <PricesPanel />
    </Stack>
  );
}
