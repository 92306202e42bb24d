import { useMemo, useState } from 'react';
import { Alert, Button, Checkbox, Group, SegmentedControl, Stack, Table } from '@mantine/core';
import { IconBulb, IconInfoCircle, IconPencil, IconSparkles } from '@tabler/icons-react';
import { Link } from 'react-router';
import { type WriterTask, plural } from '@igny8/contracts';
import { siteDataPath, useGenerateContent, useWriterTasks } from '../../../api/queries/writer';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { EmptyState } from '../../../components/EmptyState';
import { PageHeader } from '../../../components/PageHeader';
import { ListPanel } from '../../../components/table/ListPanel';
import { TablePager } from '../../../components/table/TablePager';
import { usePageInRange } from '../../../components/table/usePageInRange';
import { LoadingRows } from '../../../components/table/LoadingRows';
import { SelectAllTh } from '../../../components/table/SelectionCells';
import { siteHomePath } from '../../sites/sitePaths';
import { contentEditorPath } from '../paths';
import { SelectionSummary } from '../SelectionSummary';
import { useSelection } from '../../../components/table/useSelection';
import { useSite } from '../../sites/context';
import { CreditNote } from '../../billing/CreditNote';
import { useStartedTask } from '../../tasks/useStartedTask';
import { useSiteWorkRunning } from '../useSiteWorkRunning';
import { WriterTaskRow } from './WriterTaskRow';
import { SectorSelect, useSectorParam } from '../../planner/components/SectorSelect';
import {
  writerTaskListQuery,
  writerTaskStateFromParams,
  writerTaskStateToParams,
  type WriterTaskSort,
} from './writerTaskParams';
import { SortableTh } from '../../../components/table/SortableTh';
import { nextSort, pageSizes } from '../../../components/table/urlState';
import { useListState } from '../../../components/table/useListState';
import { useSelectAllMatching } from '../../../components/table/SelectAllMatching';
import { fetchMatchingIds } from '../../../api/queries/matchingIds';

type StatusFilter = WriterTask['status'] | 'all';
const filters: { value: StatusFilter; label: string }[] = [
  { value: 'all', label: 'All' },
  { value: 'queued', label: 'Queued' },
  { value: 'generating', label: 'Writing' },
  { value: 'done', label: 'Written' },
  { value: 'failed', label: 'Failed' },
];

export function WriterTasksPage() {
  const { accountId, siteId, site, canEdit } = useSite();
  const [state, setState] = useListState(writerTaskStateFromParams, writerTaskStateToParams);
  const status: StatusFilter = state.status ?? 'all';
  const [sectorId] = useSectorParam();
  const query = { ...writerTaskListQuery(state), sectorId: sectorId ?? undefined };
  const writing = useSiteWorkRunning(accountId, siteId, ['content.generate']);
  const writerTasks = useWriterTasks(accountId, siteId, query, writing);
  const total = writerTasks.data?.total ?? 0;
  usePageInRange(writerTasks, { total, page: state.page, pageSize: state.pageSize }, (page) => setState({ page }));
  const generate = useGenerateContent(accountId, siteId);
  const started = useStartedTask();
  const [confirmReplace, setConfirmReplace] = useState(false);

  const items = useMemo(() => writerTasks.data?.items ?? [], [writerTasks.data]);
  const visibleIds = useMemo(() => items.map((t) => t.id), [items]);
  const selection = useSelection(visibleIds);
  const matching = useSelectAllMatching({
    selection,
    pageIds: visibleIds,
    total,
    noun: 'writer task',
    fetchIds: () => fetchMatchingIds(siteDataPath(accountId, siteId, 'writer/tasks'), query),
  });
  const th = {
    sort: state.sort,
    order: state.order,
    onSort: (field: WriterTaskSort) =>
      setState(nextSort<WriterTaskSort>(state, field, ['title', 'primaryKeyword', 'contentType', 'status'])),
  };
  const replacing = items.filter((t) => t.status === 'done' && selection.isSelected(t.id)).length;

  const [faq, setFaq] = useState(false);
  const start = () =>
    generate.mutate(
      { writerTaskIds: selection.selected, faq },
      {
        onSuccess: (res) => {
          const n = selection.selected.length;
          started(res, `Writing ${plural(n, 'article')}`);
          selection.clear();
          setConfirmReplace(false);
        },
      },
    );

  const columns = canEdit ? 8 : 7;
  const filtered = status !== 'all';

  return (
    <Stack gap={0}>
      <PageHeader
        title="Writer"
        description={`Ideas queued for writing on ${site.name}. Pick writer tasks and generate their articles.`}
        actions={
          canEdit ? (
            <Group gap="sm">
              <SelectionSummary count={selection.selected.length} onClear={selection.clear} />
              <Checkbox
                label="Add a FAQ section"
                checked={faq}
                onChange={(e) => setFaq(e.currentTarget.checked)}
                data-testid="writer-faq"
              />
              <Button
                leftSection={<IconSparkles size={16} />}
                disabled={selection.selected.length === 0}
                loading={generate.isPending}
                onClick={() => (replacing > 0 ? setConfirmReplace(true) : start())}
                data-testid="writer-generate-content"
              >
                Generate content
              </Button>
            </Group>
          ) : null
        }
      />

      {canEdit && selection.selected.length > 0 ? (
        <Group justify="flex-end" mt={-12} mb="sm">
          <CreditNote
            accountId={accountId}
            siteId={siteId}
            body={{ kind: 'content.generate', writerTaskIds: selection.selected }}
          />
        </Group>
      ) : null}

      {!canEdit ? (
        <Alert variant="light" color="gray" icon={<IconInfoCircle size={18} />} mb="md" data-testid="writer-read-only">
          You can follow the writing. Editors and above can generate articles.
        </Alert>
      ) : null}

      <Group mb="sm">
        <SectorSelect />
        <SegmentedControl
          size="xs"
          value={status}
          data={filters}
          onChange={(v) => setState({ status: v === 'all' ? null : (v as WriterTask['status']) })}
          data-testid="writer-status-filter"
        />
        {matching}
      </Group>

      <ListPanel
        query={writerTasks}
        footer={
          total > 0 ? (
            <TablePager
              total={total}
              pageSize={state.pageSize}
              page={state.page}
              onPage={(page) => setState({ page })}
              onPageSize={(pageSize) => setState({ pageSize })}
              pageSizes={pageSizes}
              noun="writer tasks"
            />
          ) : null
        }
        isEmpty={items.length === 0}
        empty={
          filtered ? (
            <EmptyState
              icon={IconPencil}
              title="No writer tasks with this status"
              description="Choose another status above."
            />
          ) : (
            <EmptyState
              icon={IconBulb}
              title="Nothing queued for writing yet"
              description="Writer tasks come from ideas: on the Ideas page, select the ideas you like and queue them to the writer."
              action={
                <Button component={Link} to={siteHomePath(accountId, siteId, 'ideas')} variant="light" mt="sm">
                  Go to ideas
                </Button>
              }
            />
          )
        }
      >
        <Table.ScrollContainer minWidth={1000}>
          <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover data-testid="writer-table">
            <Table.Thead>
              <Table.Tr>
                {canEdit ? (
                  <SelectAllTh
                    check={selection.check}
                    disabled={items.length === 0}
                    onToggle={selection.toggleVisible}
                    testId="writer-select-all"
                  />
                ) : null}
                <SortableTh field="title" {...th}>
                  Title
                </SortableTh>
                <SortableTh field="primaryKeyword" w={200} {...th}>
                  Primary keyword
                </SortableTh>
                <SortableTh field="contentType" w={110} {...th}>
                  Type
                </SortableTh>
                <SortableTh field="targetWordCount" w={130} align="right" {...th}>
                  Target words
                </SortableTh>
                <SortableTh field="status" w={200} {...th}>
                  Status
                </SortableTh>
                <SortableTh field="createdAt" w={130} {...th}>
                  Queued
                </SortableTh>
                <Table.Th w={150} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {writerTasks.isPending ? (
                <LoadingRows colSpan={columns} />
              ) : (
                items.map((t) => (
                  <WriterTaskRow
                    key={t.id}
                    writerTask={t}
                    contentHref={
                      t.status === 'done' && t.contentId ? contentEditorPath(accountId, siteId, t.contentId) : null
                    }
                    selectable={canEdit}
                    selected={selection.isSelected(t.id)}
                    onToggle={() => selection.toggle(t.id)}
                  />
                ))
              )}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </ListPanel>

      <ConfirmDialog
        opened={confirmReplace}
        title="Rewrite existing articles?"
        message={
          <>
            {replacing} of the selected writer tasks already {replacing === 1 ? 'has an article' : 'have articles'}.
            Generating again replaces {replacing === 1 ? 'it' : 'them'}, including any edits made since.
          </>
        }
        confirmLabel="Generate content"
        danger
        loading={generate.isPending}
        onConfirm={start}
        onClose={() => setConfirmReplace(false)}
      />
    </Stack>
  );
}
