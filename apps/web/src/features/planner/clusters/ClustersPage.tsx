import { useState } from 'react';
import { Button, Group, Stack } from '@mantine/core';
import { IconBulb, IconChartBubble } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useClusters } from '../../../api/queries/clusters';
import { EmptyState } from '../../../components/EmptyState';
import { PageHeader } from '../../../components/PageHeader';
import { ListPanel } from '../../../components/table/ListPanel';
import { TablePager } from '../../../components/table/TablePager';
import { usePageInRange } from '../../../components/table/usePageInRange';
import { useSite } from '../../sites/context';
import { siteHomePath } from '../../sites/sitePaths';
import { SearchInput } from '../../../components/table/SearchInput';
import { SelectionBar } from '../../../components/table/SelectionBar';
import { pageSizes } from '../../../components/table/urlState';
import { useSelection } from '../../../components/table/useSelection';
import { useListState } from '../../../components/table/useListState';
import { useSelectAllMatching } from '../../../components/table/SelectAllMatching';
import { fetchMatchingIds } from '../../../api/queries/matchingIds';
import { sitePath } from '../../../api/queries/sites';
import { ClusterDrawer } from './ClusterDrawer';
import { clusterListQuery, clusterStateFromParams, clusterStateToParams } from './clusterParams';
import { ClustersTable } from './ClustersTable';
import { GenerateIdeasModal } from './GenerateIdeasModal';
import { SectorSelect, useSectorParam } from '../components/SectorSelect';

export function ClustersPage() {
  const { accountId, siteId, site, canEdit } = useSite();
  const [state, setState] = useListState(clusterStateFromParams, clusterStateToParams);
  const [sectorId] = useSectorParam();
  const clusters = useClusters(accountId, siteId, { ...clusterListQuery(state), sectorId: sectorId ?? undefined });
  const selection = useSelection();
  const [generateOpen, setGenerateOpen] = useState(false);
  const items = clusters.data?.items ?? [];
  const total = clusters.data?.total ?? 0;
  usePageInRange(clusters, { total, page: state.page, pageSize: state.pageSize }, (page) => setState({ page }));
  const matching = useSelectAllMatching({
    selection,
    pageIds: items.map((c) => c.id),
    total,
    noun: 'cluster',
    fetchIds: () =>
      fetchMatchingIds(`${sitePath(accountId, siteId)}/clusters`, {
        ...clusterListQuery(state),
        sectorId: sectorId ?? undefined,
      }),
  });
  // Opening and closing the drawer keeps the page the user is on.
  const openCluster = (open: string | null) => setState({ open, page: state.page });

  return (
    <Stack gap={0}>
      <PageHeader
        title="Clusters"
        description={
          clusters.data
            ? `${total.toLocaleString()} topic cluster${total === 1 ? '' : 's'} in ${site.name}.`
            : `Topic clusters of ${site.name}.`
        }
        actions={
          <Button variant="default" component={Link} to={siteHomePath(accountId, siteId, 'keywords')}>
            Keywords
          </Button>
        }
      />
      <Group mb="sm">
        <SectorSelect />
        <SearchInput
          value={state.q}
          onChange={(q) => setState({ q })}
          placeholder="Search clusters"
          testId="clusters-search"
        />
      </Group>
      {canEdit ? (
        <SelectionBar count={selection.count} noun="cluster" onClear={selection.clear} matching={matching}>
          <Button
            size="xs"
            leftSection={<IconBulb size={14} />}
            onClick={() => setGenerateOpen(true)}
            data-testid="clusters-generate-ideas"
          >
            Generate ideas
          </Button>
        </SelectionBar>
      ) : null}
      <ListPanel
        query={clusters}
        dim
        isEmpty={items.length === 0}
        empty={
          state.q ? (
            <EmptyState icon={IconChartBubble} title="No clusters match" description="Try another search." />
          ) : (
            <EmptyState
              icon={IconChartBubble}
              title="No clusters yet"
              description={
                canEdit
                  ? 'Clusters group keywords by topic. Import keywords, then run “Auto-cluster” on the Keywords page.'
                  : 'An editor has to cluster this site’s keywords first.'
              }
              action={
                canEdit ? (
                  <Button mt="xs" component={Link} to={siteHomePath(accountId, siteId, 'keywords')}>
                    Go to keywords
                  </Button>
                ) : undefined
              }
            />
          )
        }
        footer={
          total > 0 ? (
            <TablePager
              total={total}
              page={state.page}
              pageSize={state.pageSize}
              onPage={(page) => setState({ page })}
              onPageSize={(pageSize) => setState({ pageSize })}
              pageSizes={pageSizes}
              noun="clusters"
            />
          ) : null
        }
      >
        <ClustersTable
          items={items}
          loading={clusters.isPending}
          state={state}
          onSort={setState}
          selection={canEdit ? selection : null}
          onOpen={openCluster}
        />
      </ListPanel>
      <ClusterDrawer clusterId={state.open} onClose={() => openCluster(null)} onOpen={(id) => openCluster(id)} />
      {canEdit ? (
        <GenerateIdeasModal
          clusterIds={selection.selected}
          opened={generateOpen}
          onClose={() => setGenerateOpen(false)}
          onStarted={selection.clear}
        />
      ) : null}
    </Stack>
  );
}
