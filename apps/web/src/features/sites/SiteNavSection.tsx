import { NavLink, Select, Stack, Text } from '@mantine/core';
import {
  IconArticle,
  IconCalendarEvent,
  IconSend,
  IconBulb,
  IconCategory,
  IconChartBubble,
  IconKey,
  IconLink,
  IconPencil,
  IconPhoto,
  IconRobot,
  IconWorld,
  type Icon,
} from '@tabler/icons-react';
import { Link, useLocation, useNavigate } from 'react-router';
import type { Membership } from '@igny8/contracts';
import { useSiteQuery } from '../../api/queries/sites';
import { siteHomePath, siteIdFromPath, sitesPagePath, switchSitePath, type SitePage } from './sitePaths';
import { useCurrentSiteChoice } from './useCurrentSiteChoice';

const sitePages: { id: string; label: string; sub: SitePage; icon: Icon }[] = [
  { id: 'keywords', label: 'Keywords', sub: 'keywords', icon: IconKey },
  { id: 'clusters', label: 'Clusters', sub: 'clusters', icon: IconChartBubble },
  { id: 'ideas', label: 'Ideas', sub: 'ideas', icon: IconBulb },
  { id: 'writer', label: 'Writer', sub: 'writer', icon: IconPencil },
  { id: 'content', label: 'Content', sub: 'content', icon: IconArticle },
  { id: 'images', label: 'Images', sub: 'images', icon: IconPhoto },
  { id: 'links', label: 'Internal links', sub: 'links', icon: IconLink },
  { id: 'calendar', label: 'Calendar', sub: 'calendar', icon: IconCalendarEvent },
  { id: 'publishing', label: 'Publishing', sub: 'publishing', icon: IconSend },
  { id: 'automation', label: 'Automation', sub: 'automation', icon: IconRobot },
  { id: 'sectors', label: 'Sectors', sub: 'sectors', icon: IconCategory },
];

const navStyle = { borderRadius: 'var(--mantine-radius-md)' };

/** The "Site" part of the side nav: a switcher, and the pipeline pages of the current site. */
export function SiteNavSection({ account, onNavigate }: { account: Membership; onNavigate: () => void }) {
  const { accountId } = account;
  const { pathname } = useLocation();
  const navigate = useNavigate();
  // Outside a site's pages the current site is the one last worked in or chosen on the overview (else the
  // first): the nav names it and lists its pages, as the overview shows it.
  const { sites, siteId: chosenSiteId } = useCurrentSiteChoice(accountId);
  const urlSiteId = siteIdFromPath(pathname);
  // Shares its cache with the site scope: an unknown site shows no site links, an archived one
  // (not in the list of sites in use) still shows its name.
  const current = useSiteQuery(accountId, urlSiteId ?? '', urlSiteId !== null);
  const siteId = urlSiteId ? (current.isError ? null : urlSiteId) : chosenSiteId;
  const options = (sites.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }));
  if (siteId && current.data && !options.some((o) => o.value === siteId)) {
    options.push({ value: siteId, label: `${current.data.name} (archived)` });
  }
  const noSites = sites.isSuccess && options.length === 0;

  return (
    <Stack gap={4}>
      <Text size="xs" fw={600} c="dimmed" tt="uppercase" mt="md" mb={4} px="sm">
        Site
      </Text>
      <Select
        size="sm"
        mb={4}
        placeholder={sites.isPending ? 'Loading sites…' : noSites ? 'No sites yet' : 'Choose a site'}
        data={options}
        value={siteId}
        searchable
        allowDeselect={false}
        nothingFoundMessage="No sites"
        aria-label="Current site"
        data-testid="site-switcher"
        onChange={(id) => {
          if (!id || id === siteId) return;
          navigate(switchSitePath(pathname, accountId, id));
          onNavigate();
        }}
      />
      {siteId ? (
        sitePages.map((p) => {
          const to = siteHomePath(accountId, siteId, p.sub);
          return (
            <NavLink
              key={p.id}
              component={Link}
              to={to}
              label={p.label}
              data-testid={`nav-${p.id}`}
              leftSection={<p.icon size={18} stroke={1.6} />}
              active={pathname === to || pathname.startsWith(`${to}/`)}
              onClick={onNavigate}
              variant="light"
              style={navStyle}
            />
          );
        })
      ) : (
        <NavLink
          component={Link}
          to={sitesPagePath(accountId)}
          label={noSites ? 'No sites yet' : 'Choose a site'}
          description={noSites ? 'Open the Sites page' : 'Pick one above or on the Sites page'}
          data-testid="nav-choose-site"
          leftSection={<IconWorld size={18} stroke={1.6} />}
          onClick={onNavigate}
          variant="light"
          style={navStyle}
        />
      )}
    </Stack>
  );
}
