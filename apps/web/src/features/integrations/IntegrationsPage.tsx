import { Button, Stack } from '@mantine/core';
import { IconChartBar } from '@tabler/icons-react';
import { Link } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { useCurrentAccount } from '../account/context';
import { IntegrationsPanel } from './IntegrationsPanel';

/** `/a/:accountId/integrations`: which AI providers this account's tasks use, and who pays for them. */
export function IntegrationsPage() {
  const { accountId, membership } = useCurrentAccount();
  return (
    <Stack gap={0}>
      <PageHeader
        title="AI providers"
        description={
          membership.isSystem
            ? 'The text and image models of the platform’s own account; every account without its own key uses them.'
            : 'The text and image models this account’s tasks use. Without an own key, the platform’s settings apply.'
        }
        actions={
          <Button
            component={Link}
            to={`/a/${accountId}/usage`}
            variant="default"
            leftSection={<IconChartBar size={16} />}
          >
            Usage this month
          </Button>
        }
      />
      <IntegrationsPanel target={{ scope: 'account', accountId, isSystem: membership.isSystem }} />
    </Stack>
  );
}
