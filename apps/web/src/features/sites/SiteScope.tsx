import { useEffect, useMemo } from 'react';
import { Badge, Button, Center, Group, Skeleton, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconWorldOff } from '@tabler/icons-react';
import { Link, Outlet, useParams } from 'react-router';
import { isApiError } from '../../api/errors';
import { useSiteQuery } from '../../api/queries/sites';
import { QueryError } from '../../components/QueryError';
import { useCurrentAccount } from '../account/context';
import { canEditSites, SiteContext } from './context';
import { rememberSite, sitesPagePath } from './sitePaths';

function SiteNotFound({ accountId }: { accountId: string }) {
  return (
    <Center py={80} data-testid="site-not-found">
      <Stack align="center" gap="xs" maw={420}>
        <ThemeIcon size={48} radius="xl" variant="light" color="gray">
          <IconWorldOff size={24} />
        </ThemeIcon>
        <Title order={3}>Site not found</Title>
        <Text c="dimmed" size="sm" ta="center">
          This site does not exist in this account, or it was removed.
        </Text>
        <Button component={Link} to={sitesPagePath(accountId)} variant="light" mt="sm">
          All sites
        </Button>
      </Stack>
    </Center>
  );
}

/** `/a/:accountId/sites/:siteId`: loads the site once and gives its pages `useSite()`. */
export function SiteScope() {
  const { accountId, membership } = useCurrentAccount();
  const { siteId = '' } = useParams();
  const site = useSiteQuery(accountId, siteId);
  const data = site.data;

  useEffect(() => {
    if (data && !data.archived) rememberSite(accountId, data.id);
  }, [accountId, data]);

  const value = useMemo(
    () => (data ? { accountId, siteId, site: data, membership, canEdit: canEditSites(membership) } : null),
    [accountId, siteId, data, membership],
  );

  if (site.isPending) {
    return (
      <Stack gap="md" data-testid="site-loading">
        <Skeleton h={32} w={260} />
        <Skeleton h={320} />
      </Stack>
    );
  }
  if (site.isError) {
    if (isApiError(site.error) && (site.error.status === 404 || site.error.status === 400))
      return <SiteNotFound accountId={accountId} />;
    return <QueryError error={site.error} onRetry={() => void site.refetch()} />;
  }
  if (!value) return null;
  return (
    <SiteContext.Provider value={value}>
      {value.site.archived ? (
        <Group mb="sm" data-testid="site-archived-banner">
          <Badge color="gray" variant="light">
            Archived site
          </Badge>
          <Text size="sm" c="dimmed">
            This site is archived. Its data stays available; unarchive it on the Sites page to use it again.
          </Text>
        </Group>
      ) : null}
      <Outlet />
    </SiteContext.Provider>
  );
}
