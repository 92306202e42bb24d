import { plural } from '@igny8/contracts';
import { useState } from 'react';
import { Button, Group, Stack } from '@mantine/core';
import { IconArrowsSplit, IconDownload, IconFileImport, IconKey, IconPlus, IconSparkles } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useKeywords } from '../../../api/queries/keywords';
import { EmptyState } from '../../../components/EmptyState';
import { PageHeader } from '../../../components/PageHeader';
import { ListPanel } from '../../../components/table/ListPanel';
import { TablePager } from '../../../components/table/TablePager';
import { usePageInRange } from '../../../components/table/usePageInRange';
import { useSite } from '../../sites/context';
import { siteHomePath } from '../../sites/sitePaths';
import { pageSizes } from '../../../components/table/urlState';
import { useSelection } from '../../../components/table/useSelection';
import { useListState } from '../../../components/table/useListState';
import { AddKeywordsModal } from './AddKeywordsModal';
import { AutoClusterModal } from './AutoClusterModal';
import {
  hasKeywordFilters,
  keywordFilterQuery,
  keywordFiltersFromParams,
  keywordFiltersToParams,
  keywordListQuery,
} from './filters';
import { ImportDialog } from './ImportDialog';
import { useSelectAllMatching } from '../../../components/table/SelectAllMatching';
import { fetchMatchingIds } from '../../../api/queries/matchingIds';
import { sitePath } from '../../../api/queries/sites';
import { KeywordBulkBar } from './KeywordBulkBar';
import { KeywordFiltersBar } from './KeywordFiltersBar';
import { KeywordsTable } from './KeywordsTable';
import { useExportKeywords } from './useExportKeywords';
import { useSectorNames } from '../../../api/queries/sectors';
import { useSectorParam } from '../components/SectorSelect';

export function KeywordsPage() {
  const { accountId, siteId, site, canEdit } = useSite();
  const [filters, setFilters] = useListState(keywordFiltersFromParams, keywordFiltersToParams);
  const [sectorId] = useSectorParam();
  const sectorNames = useSectorNames(accountId, siteId).names;
  const keywords = useKeywords(accountId, siteId, { ...keywordListQuery(filters), sectorId: sectorId ?? undefined });
  const selection = useSelection();
  const exporter = useExportKeywords(accountId, siteId);
  const [addOpen, setAddOpen] = useState(false);
  const [importOpen, setImportOpen] = useState(false);
  const [clusterOpen, setClusterOpen] = useState(false);

  const items = keywords.data?.items ?? [];
  const total = keywords.data?.total ?? 0;
  const filtered = hasKeywordFilters(filters);
  usePageInRange(keywords, { total, page: filters.page, pageSize: filters.pageSize }, (page) => setFilters({ page }));
  const matching = useSelectAllMatching({
    selection,
    pageIds: items.map((k) => k.id),
    total,
    noun: 'keyword',
    fetchIds: () =>
      fetchMatchingIds(`${sitePath(accountId, siteId)}/keywords`, {
        ...keywordListQuery(filters),
        sectorId: sectorId ?? undefined,
      }),
  });
  const clusterHref = (id: string) => `${siteHomePath(accountId, siteId, 'clusters')}?open=${id}`;

  const actions = (
    <Group gap="xs">
      <Button
        variant="subtle"
        component={Link}
        to={siteHomePath(accountId, siteId, 'cannibalisation')}
        leftSection={<IconArrowsSplit size={16} />}
        data-testid="keywords-cannibalisation"
      >
        Cannibalisation
      </Button>
      <Button
        variant="default"
        leftSection={<IconDownload size={16} />}
        loading={exporter.busy}
        onClick={() => void exporter.run({ ...keywordFilterQuery(filters), sectorId: sectorId ?? undefined })}
        data-testid="keywords-export"
      >
        Export CSV
      </Button>
      {canEdit ? (
        <>
          <Button
            variant="default"
            leftSection={<IconSparkles size={16} />}
            onClick={() => setClusterOpen(true)}
            data-testid="keywords-autocluster-all"
          >
            {/* Each sector is clustered on its own; with a sector chosen, only that one. */}
            {sectorId
              ? `Auto-cluster unclustered in ${sectorNames.get(sectorId) ?? 'this sector'}`
              : 'Auto-cluster all unclustered'}
          </Button>
          <Button
            variant="default"
            leftSection={<IconPlus size={16} />}
            onClick={() => setAddOpen(true)}
            data-testid="keywords-add-open"
          >
            Add keywords
          </Button>
          <Button
            leftSection={<IconFileImport size={16} />}
            onClick={() => setImportOpen(true)}
            data-testid="keywords-import-open"
          >
            Import CSV
          </Button>
        </>
      ) : null}
    </Group>
  );

  return (
    <Stack gap={0}>
      <PageHeader
        title="Keywords"
        description={
          keywords.data
            ? `${keywords.data.totalEstimated ? 'About ' : ''}${plural(total, 'keyword')}${filtered ? ' match the filters' : ` in ${site.name}`}.`
            : `Keywords of ${site.name}.`
        }
        actions={actions}
      />
      <KeywordFiltersBar filters={filters} onChange={setFilters} />
      {canEdit ? <KeywordBulkBar selection={selection} matching={matching} /> : null}
      <ListPanel
        query={keywords}
        dim
        isEmpty={items.length === 0}
        empty={
          filtered ? (
            <EmptyState
              icon={IconKey}
              title="No keywords match"
              description="Change or clear the filters to see more keywords."
            />
          ) : (
            <EmptyState
              icon={IconKey}
              title="No keywords yet"
              description={
                canEdit
                  ? 'Import keywords to get started: upload a CSV from your SEO tool, or paste a list.'
                  : 'An editor has to import keywords for this site first.'
              }
              action={
                canEdit ? (
                  <Group gap="xs" mt="xs">
                    <Button onClick={() => setImportOpen(true)}>Import CSV</Button>
                    <Button variant="default" onClick={() => setAddOpen(true)}>
                      Paste keywords
                    </Button>
                  </Group>
                ) : undefined
              }
            />
          )
        }
        footer={
          total > 0 ? (
            <TablePager
              total={total}
              estimated={keywords.data?.totalEstimated}
              page={filters.page}
              pageSize={filters.pageSize}
              onPage={(page) => setFilters({ page })}
              onPageSize={(pageSize) => setFilters({ pageSize })}
              pageSizes={pageSizes}
              noun="keywords"
            />
          ) : null
        }
      >
        <KeywordsTable
          items={items}
          loading={keywords.isPending}
          filters={filters}
          onSort={setFilters}
          selection={canEdit ? selection : null}
          clusterHref={clusterHref}
        />
      </ListPanel>
      {canEdit ? (
        <>
          <AddKeywordsModal opened={addOpen} onClose={() => setAddOpen(false)} />
          <ImportDialog opened={importOpen} onClose={() => setImportOpen(false)} />
          <AutoClusterModal
            opened={clusterOpen}
            onClose={() => setClusterOpen(false)}
            target={sectorId ? { sectorId } : {}}
            scope={
              sectorId
                ? `the unclustered keywords in ${sectorNames.get(sectorId) ?? 'this sector'}`
                : `every unclustered keyword of ${site.name}`
            }
          />
        </>
      ) : null}
    </Stack>
  );
}
