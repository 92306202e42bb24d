import { Anchor, Grid, Group, Select, Skeleton, Stack } from '@mantine/core';
import { IconWorld } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useFunnel } from '../../api/queries/dashboard';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { useCurrentAccount } from '../account/context';
import { canEditSites } from '../sites/context';
import { rememberSite, siteHomePath } from '../sites/sitePaths';
import { useCurrentSiteChoice } from '../sites/useCurrentSiteChoice';
import { AccountStrip } from './AccountStrip';
import { FunnelChart } from './FunnelChart';
import { FunnelStats } from './FunnelStats';
import { NextStepCard } from './NextStepCard';
import { RecentTasks } from './RecentTasks';
import { UsageSummary } from './UsageSummary';
import { WelcomeEmpty } from './WelcomeEmpty';

/** The chosen site's next step, stat cards and funnel chart. */
function SitePipeline({ accountId, siteId, canEdit }: { accountId: string; siteId: string; canEdit: boolean }) {
  const funnel = useFunnel(accountId, siteId);
  return (
    <Stack gap="md" data-testid="funnel">
      {funnel.isError ? <QueryError error={funnel.error} onRetry={() => void funnel.refetch()} /> : null}
      {funnel.data ? (
        <NextStepCard funnel={funnel.data} accountId={accountId} siteId={siteId} canEdit={canEdit} />
      ) : funnel.isPending ? (
        <Skeleton h={82} radius="md" />
      ) : null}
      <FunnelStats funnel={funnel.data} accountId={accountId} siteId={siteId} />
      <FunnelChart funnel={funnel.data} accountId={accountId} siteId={siteId} />
    </Stack>
  );
}

/** `/a/:accountId`: where the chosen site stands in the pipeline, recent work and this month's usage. */
export function OverviewPage() {
  const { accountId, membership } = useCurrentAccount();
  // The same current site as the side nav's: choosing one here switches both.
  const { sites, siteId } = useCurrentSiteChoice(accountId);
  const siteList = sites.data?.items ?? [];
  const site = siteList.find((s) => s.id === siteId);
  const noSites = sites.isSuccess && siteList.length === 0;

  const choose = (id: string | null) => {
    if (id) rememberSite(accountId, id);
  };

  const picker =
    siteList.length > 0 ? (
      <Group gap="xs" wrap="nowrap">
        <Select
          aria-label="Site"
          data={siteList.map((s) => ({ value: s.id, label: s.name }))}
          value={siteId}
          onChange={choose}
          allowDeselect={false}
          searchable={siteList.length > 8}
          leftSection={<IconWorld size={16} />}
          w={260}
          data-testid="overview-site-picker"
        />
      </Group>
    ) : null;

  return (
    <Stack gap="lg">
      <PageHeader
        title="Overview"
        description={
          site ? (
            <>
              Pipeline of{' '}
              <Anchor component={Link} to={siteHomePath(accountId, site.id, 'keywords')} size="sm" inherit>
                {site.name}
              </Anchor>
              , recent work and this month’s AI usage.
            </>
          ) : (
            `Welcome to ${membership.accountName}.`
          )
        }
        actions={picker}
      />
      {sites.isError ? <QueryError error={sites.error} onRetry={() => void sites.refetch()} /> : null}
      {sites.isPending ? <Skeleton h={320} radius="md" /> : null}
      {noSites ? <WelcomeEmpty accountId={accountId} canEdit={canEditSites(membership)} /> : null}
      {siteId ? (
        <SitePipeline key={siteId} accountId={accountId} siteId={siteId} canEdit={canEditSites(membership)} />
      ) : null}
      {!noSites ? (
        <Grid gutter="md" align="stretch">
          <Grid.Col span={{ base: 12, md: 7 }}>
            <RecentTasks accountId={accountId} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 5 }}>
            <UsageSummary accountId={accountId} />
          </Grid.Col>
        </Grid>
      ) : null}
      <AccountStrip />
    </Stack>
  );
}
