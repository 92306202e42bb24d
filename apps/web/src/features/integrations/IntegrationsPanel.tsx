import { Alert, Paper, Skeleton, Stack, Text } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useIntegrations, type IntegrationsTarget } from '../../api/queries/integrations';
import { QueryError } from '../../components/QueryError';
import { IntegrationCard } from './IntegrationCard';

/** Text, image and embeddings cards for an account's or the platform's AI settings, and the SERP provider in a line. */
export function IntegrationsPanel({ target }: { target: IntegrationsTarget }) {
  const view = useIntegrations(target);

  if (view.isError) return <QueryError error={view.error} onRetry={() => void view.refetch()} />;
  if (view.isPending) {
    return (
      <Stack gap="lg">
        {[0, 1].map((i) => (
          <Paper key={i} withBorder radius="md" p="lg">
            <Skeleton h={22} w={160} mb="md" />
            <Skeleton h={48} />
          </Paper>
        ))}
      </Stack>
    );
  }

  const { items, canEdit, editBlockedReason, serpProvider } = view.data;
  return (
    <Stack gap="lg">
      {!canEdit ? (
        <Alert variant="light" color="gray" icon={<IconInfoCircle size={18} />} data-testid="integrations-read-only">
          These are the AI settings this account’s tasks use.{' '}
          {editBlockedReason ?? 'You can see them but not change them.'}
        </Alert>
      ) : null}
      {items.map((item) => (
        <IntegrationCard key={item.capability} target={target} item={item} canEdit={canEdit} />
      ))}
      <Text size="sm" c="dimmed" data-testid="integrations-serp">
        {serpProvider
          ? `Search results (SERP): the platform's ${serpProvider === 'serpapi' ? 'SerpApi' : serpProvider} account. Select keywords and “Fetch search results” to cluster by shared results (charged in credits per keyword).`
          : 'Search results (SERP): this server has no SERP provider. Import SERP exports from your SEO tool under Keywords → Import CSV → Search results.'}
      </Text>
    </Stack>
  );
}
