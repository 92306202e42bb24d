import { useState } from 'react';
import { Button, Grid, Paper, Stack, Text, Title } from '@mantine/core';
import { IconPlus, IconSend } from '@tabler/icons-react';
import { roleAtLeast } from '@igny8/contracts';
import { useDestinations } from '../../api/queries/publishing';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { useSite } from '../sites/context';
import { DestinationCard } from './DestinationCard';
import { DestinationForm } from './DestinationForm';
import { ScheduleForm } from './ScheduleForm';
import { usePublishAccess } from './usePublishAccess';

/** A site's destinations (WordPress, webhooks) and its publishing rules and schedule. */
export function PublishingPage() {
  const { accountId, siteId, site, membership } = useSite();
  const destinations = useDestinations(accountId, siteId);
  const { settings } = usePublishAccess();
  const [adding, setAdding] = useState(false);
  // Destinations hold credentials: admins manage them, like AI keys.
  const canManage = roleAtLeast(membership.role, 'admin');
  const list = destinations.data?.items ?? [];

  return (
    <Stack gap={0}>
      <PageHeader
        title="Publishing"
        description={`Where ${site.name}'s articles are published, and when.`}
        actions={
          canManage ? (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)} data-testid="destination-add">
              Add destination
            </Button>
          ) : null
        }
      />
      <Grid gutter="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="sm">
            <Title order={4}>Destinations</Title>
            {destinations.isError ? <QueryError error={destinations.error} /> : null}
            {list.map((d) => (
              <DestinationCard key={d.id} accountId={accountId} siteId={siteId} destination={d} canManage={canManage} />
            ))}
            {destinations.isSuccess && list.length === 0 ? (
              <EmptyState
                icon={IconSend}
                title="No destination yet"
                description="Connect a WordPress site with an application password, or a webhook for any other CMS."
              />
            ) : null}
            <Text size="xs" c="dimmed">
              For Yoast SEO or Rank Math fields and Article JSON-LD, install the igny8 Bridge plugin on the WordPress
              site (see the README's Publishing section).
            </Text>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Paper withBorder radius="md" p="md">
            <Title order={4} mb="sm">
              Rules and schedule
            </Title>
            {settings.data ? (
              <ScheduleForm
                key={JSON.stringify(settings.data)}
                accountId={accountId}
                siteId={siteId}
                settings={settings.data}
                canManage={canManage}
              />
            ) : null}
          </Paper>
        </Grid.Col>
      </Grid>
      {canManage ? (
        <DestinationForm accountId={accountId} siteId={siteId} opened={adding} onClose={() => setAdding(false)} />
      ) : null}
    </Stack>
  );
}
