import { Button, Group, Select, Stack } from '@mantine/core';
import { IconBulb, IconPencil } from '@tabler/icons-react';
import { Link } from 'react-router';
import { ideaStatuses } from '@igny8/contracts';
import { ClusterSelect } from '../clusters/ClusterSelect';
import { useIdeas, useQueueIdeasToWriter } from '../../../api/queries/ideas';
import { EmptyState } from '../../../components/EmptyState';
import { PageHeader } from '../../../components/PageHeader';
import { ListPanel } from '../../../components/table/ListPanel';
import { TablePager } from '../../../components/table/TablePager';
import { usePageInRange } from '../../../components/table/usePageInRange';
import { notifySuccess } from '../../../lib/notify';
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
import { IdeaDrawer } from './IdeaDrawer';
import { ideaListQuery, ideaStateFromParams, ideaStateToParams } from './ideaParams';
import { IdeasTable } from './IdeasTable';
import { ideaStatusMeta } from './labels';
import { SectorSelect, useSectorParam } from '../components/SectorSelect';

export function IdeasPage() {
  const { accountId, siteId, site, canEdit } = useSite();
  const [state, setState] = useListState(ideaStateFromParams, ideaStateToParams);
  const [sectorId] = useSectorParam();
  const ideas = useIdeas(accountId, siteId, { ...ideaListQuery(state), sectorId: sectorId ?? undefined });
  const queue = useQueueIdeasToWriter(accountId, siteId);
  const selection = useSelection();
  const items = ideas.data?.items ?? [];
  const total = ideas.data?.total ?? 0;
  usePageInRange(ideas, { total, page: state.page, pageSize: state.pageSize }, (page) => setState({ page }));
  const filtered = Boolean(state.q || state.clusterId || state.status);
  const matching = useSelectAllMatching({
    selection,
    pageIds: items.map((i) => i.id),
    total,
    noun: 'idea',
    fetchIds: () =>
      fetchMatchingIds(`${sitePath(accountId, siteId)}/ideas`, {
        ...ideaListQuery(state),
        sectorId: sectorId ?? undefined,
      }),
  });
  const openIdea = (open: string | null) => setState({ open, page: state.page });

  const queueSelected = () =>
    queue.mutate(selection.selected, {
      onSuccess: (r) => {
        const parts = [`${r.created} writer task${r.created === 1 ? '' : 's'} created`];
        if (r.existing) parts.push(`${r.existing} already queued`);
        notifySuccess(`${parts.join(', ')}.`, 'Queued to writer');
        selection.clear();
      },
    });

  return (
    <Stack gap={0}>
      <PageHeader
        title="Ideas"
        description={
          ideas.data
            ? `${total.toLocaleString()} article idea${total === 1 ? '' : 's'}${filtered ? ' match the filters' : ` for ${site.name}`}.`
            : `Article ideas for ${site.name}.`
        }
        actions={
          <Button
            variant="default"
            component={Link}
            to={siteHomePath(accountId, siteId, 'writer')}
            leftSection={<IconPencil size={16} />}
          >
            Writer
          </Button>
        }
      />
      <Group mb="sm" gap="sm">
        <SectorSelect />
        <SearchInput
          value={state.q}
          onChange={(q) => setState({ q })}
          placeholder="Search ideas"
          testId="ideas-search"
        />
        <ClusterSelect
          w={220}
          placeholder="Any cluster"
          clearable
          value={state.clusterId}
          onChange={(v) => setState({ clusterId: v ?? null })}
          data-testid="ideas-filter-cluster"
          aria-label="Cluster"
        />
        <Select
          w={180}
          placeholder="Any status"
          clearable
          data={ideaStatuses.map((s) => ({ value: s, label: ideaStatusMeta[s].label }))}
          value={state.status}
          onChange={(v) => setState({ status: (v as typeof state.status) ?? null })}
          data-testid="ideas-filter-status"
          aria-label="Status"
        />
      </Group>
      {canEdit ? (
        <SelectionBar count={selection.count} noun="idea" onClear={selection.clear} matching={matching}>
          <Button
            size="xs"
            leftSection={<IconPencil size={14} />}
            loading={queue.isPending}
            onClick={queueSelected}
            data-testid="ideas-queue-writer"
          >
            Queue to writer
          </Button>
        </SelectionBar>
      ) : null}
      <ListPanel
        query={ideas}
        dim
        isEmpty={items.length === 0}
        empty={
          filtered ? (
            <EmptyState
              icon={IconBulb}
              title="No ideas match"
              description="Change or clear the filters to see more ideas."
            />
          ) : (
            <EmptyState
              icon={IconBulb}
              title="No ideas yet"
              description={
                canEdit
                  ? 'Select clusters on the Clusters page and choose “Generate ideas”.'
                  : 'An editor has to generate ideas from clusters first.'
              }
              action={
                canEdit ? (
                  <Button mt="xs" component={Link} to={siteHomePath(accountId, siteId, 'clusters')}>
                    Go to clusters
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
              noun="ideas"
            />
          ) : null
        }
      >
        <IdeasTable
          items={items}
          loading={ideas.isPending}
          selection={canEdit ? selection : null}
          onOpen={openIdea}
          sort={state}
          onSort={(s) => setState(s)}
        />
      </ListPanel>
      <IdeaDrawer ideaId={state.open} onClose={() => openIdea(null)} />
    </Stack>
  );
}
