import { plural } from '@igny8/contracts';
import { useMemo, useState } from 'react';
import { Button, Group, Menu, Stack, Table } from '@mantine/core';
import { IconChevronDown, IconFileText, IconPhotoAi, IconPhotoEdit, IconPencil, IconSend } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useContents, useGenerateImagePrompts } from '../../../api/queries/contents';
import { useGenerateImages } from '../../../api/queries/images';
import { usePublish } from '../../../api/queries/publishing';
import { usePublishAccess } from '../../publishing/usePublishAccess';
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
import { ContentFilters } from './ContentFilters';
import {
  contentListQuery,
  contentStateFromParams,
  contentStateToParams,
  hasContentFilters,
  type ContentSort,
} from './contentParams';
import { SortableTh } from '../../../components/table/SortableTh';
import { nextSort, pageSizes } from '../../../components/table/urlState';
import { useListState } from '../../../components/table/useListState';
import { useSelectAllMatching } from '../../../components/table/SelectAllMatching';
import { fetchMatchingIds } from '../../../api/queries/matchingIds';
import { siteDataPath } from '../../../api/queries/writer';
import { ContentRow } from './ContentRow';
import { ExportMenu } from './ExportMenu';
import { GenerateImagePromptsModal, GenerateImagesModal } from './ImageSettingsModals';
import { useSectorParam } from '../../planner/components/SectorSelect';

const CONTENT_TASKS = ['content.generate', 'image_prompts.generate', 'images.generate'];

export function ContentListPage() {
  const { accountId, siteId, site, canEdit } = useSite();
  const [state, setState] = useListState(contentStateFromParams, contentStateToParams);
  const working = useSiteWorkRunning(accountId, siteId, CONTENT_TASKS);
  const [sectorId] = useSectorParam();
  const query = { ...contentListQuery(state), sectorId: sectorId ?? undefined };
  const contents = useContents(accountId, siteId, query, working);
  const total = contents.data?.total ?? 0;
  usePageInRange(contents, { total, page: state.page, pageSize: state.pageSize }, (page) => setState({ page }));
  const prompts = useGenerateImagePrompts(accountId, siteId);
  const images = useGenerateImages(accountId, siteId);
  const started = useStartedTask();
  const [dialog, setDialog] = useState<'prompts' | 'images' | null>(null);
  const publish = usePublish(accountId, siteId);
  const { canPublish } = usePublishAccess();

  const items = useMemo(() => contents.data?.items ?? [], [contents.data]);
  const visibleIds = useMemo(() => items.map((c) => c.id), [items]);
  const selection = useSelection(visibleIds);
  const matching = useSelectAllMatching({
    selection,
    pageIds: visibleIds,
    total,
    noun: 'article',
    fetchIds: () => fetchMatchingIds(siteDataPath(accountId, siteId, 'contents'), query),
  });
  const th = {
    sort: state.sort,
    order: state.order,
    onSort: (field: ContentSort) => setState(nextSort<ContentSort>(state, field, ['title', 'status'])),
  };
  const n = selection.selected.length;
  const articles = plural(n, 'article');

  const onStarted = (label: string) => (res: { taskId: string }) => {
    started(res, label);
    selection.clear();
    setDialog(null);
  };
  const filtered = hasContentFilters(state);

  return (
    <Stack gap={0}>
      <PageHeader
        title="Content"
        description={
          canEdit
            ? `Articles written for ${site.name}. Open one to edit it, or select several to add images or export.`
            : `Articles written for ${site.name}. Open one to read it, or select several to export.`
        }
        actions={
          <Group gap="sm">
            <SelectionSummary count={n} onClear={selection.clear} />
            {canEdit ? (
              <>
                <Button
                  variant="default"
                  leftSection={<IconPhotoEdit size={16} />}
                  disabled={n === 0}
                  loading={prompts.isPending}
                  onClick={() => setDialog('prompts')}
                  data-testid="content-generate-prompts"
                >
                  Generate image prompts
                </Button>
                <Button
                  variant="default"
                  leftSection={<IconPhotoAi size={16} />}
                  disabled={n === 0}
                  loading={images.isPending}
                  onClick={() => setDialog('images')}
                  data-testid="content-generate-images"
                >
                  Generate images
                </Button>
              </>
            ) : null}
            {canPublish ? (
              <Menu position="bottom-end">
                <Menu.Target>
                  <Button
                    leftSection={<IconSend size={16} />}
                    rightSection={<IconChevronDown size={14} />}
                    disabled={n === 0}
                    loading={publish.isPending}
                    data-testid="content-publish"
                  >
                    Publish
                  </Button>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Item
                    onClick={() =>
                      publish.mutate(
                        { contentIds: selection.selected, when: { mode: 'now' } },
                        {
                          onSuccess: (res) =>
                            res.taskId
                              ? onStarted(`Publishing ${articles}`)({ taskId: res.taskId })
                              : selection.clear(),
                        },
                      )
                    }
                    data-testid="content-publish-now"
                  >
                    Publish now
                  </Menu.Item>
                  <Menu.Item
                    onClick={() =>
                      publish.mutate(
                        { contentIds: selection.selected, when: { mode: 'auto' } },
                        {
                          onSuccess: (res) =>
                            res.taskId
                              ? onStarted(`Scheduling ${articles}`)({ taskId: res.taskId })
                              : selection.clear(),
                        },
                      )
                    }
                    data-testid="content-publish-schedule"
                  >
                    By the site’s schedule
                  </Menu.Item>
                </Menu.Dropdown>
              </Menu>
            ) : null}
            <ExportMenu accountId={accountId} siteId={siteId} ids={selection.selected} />
          </Group>
        }
      />
      {canEdit && n > 0 ? (
        <Group justify="flex-end" gap="lg" mt={-12} mb="sm">
          <CreditNote
            accountId={accountId}
            siteId={siteId}
            label="Image prompts"
            body={{ kind: 'image_prompts.generate', contentIds: selection.selected }}
          />
          <CreditNote
            accountId={accountId}
            siteId={siteId}
            label="Images"
            body={{ kind: 'images.generate', contentIds: selection.selected }}
          />
        </Group>
      ) : null}

      <GenerateImagePromptsModal
        accountId={accountId}
        siteId={siteId}
        contentIds={selection.selected}
        opened={dialog === 'prompts'}
        loading={prompts.isPending}
        onClose={() => setDialog(null)}
        onSubmit={(settings) =>
          prompts.mutate(
            { contentIds: selection.selected, ...settings },
            { onSuccess: onStarted(`Writing image prompts for ${articles}`) },
          )
        }
      />
      <GenerateImagesModal
        accountId={accountId}
        siteId={siteId}
        contentIds={selection.selected}
        opened={dialog === 'images'}
        loading={images.isPending}
        onClose={() => setDialog(null)}
        onSubmit={(settings) =>
          images.mutate(
            { contentIds: selection.selected, ...settings },
            { onSuccess: onStarted(`Generating images for ${articles}`) },
          )
        }
      />

      <Group justify="space-between" align="flex-start" wrap="wrap">
        <ContentFilters state={state} onChange={setState} />
        {matching}
      </Group>

      <ListPanel
        query={contents}
        footer={
          total > 0 ? (
            <TablePager
              total={total}
              pageSize={state.pageSize}
              page={state.page}
              onPage={(page) => setState({ page })}
              onPageSize={(pageSize) => setState({ pageSize })}
              pageSizes={pageSizes}
              noun="articles"
            />
          ) : null
        }
        isEmpty={items.length === 0}
        empty={
          filtered ? (
            <EmptyState
              icon={IconFileText}
              title="No articles match"
              description="Try other words, another status, score or length."
            />
          ) : (
            <EmptyState
              icon={IconPencil}
              title="No articles yet"
              description="Articles are written from writer tasks: on the Writer page, select writer tasks and choose “Generate content”."
              action={
                <Button component={Link} to={siteHomePath(accountId, siteId, 'writer')} variant="light" mt="sm">
                  Go to the writer
                </Button>
              }
            />
          )
        }
      >
        <Table.ScrollContainer minWidth={1100}>
          <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover data-testid="content-table">
            <Table.Thead>
              <Table.Tr>
                <SelectAllTh
                  check={selection.check}
                  disabled={items.length === 0}
                  onToggle={selection.toggleVisible}
                  testId="content-select-all"
                />
                <SortableTh field="title" {...th}>
                  Title
                </SortableTh>
                <Table.Th w={180}>Keyword</Table.Th>
                <SortableTh field="wordCount" w={100} align="right" {...th}>
                  Words
                </SortableTh>
                <SortableTh field="score" w={120} {...th}>
                  Score
                </SortableTh>
                <SortableTh field="status" w={120} {...th}>
                  Status
                </SortableTh>
                <Table.Th w={80}>Images</Table.Th>
                <Table.Th w={124}>Source</Table.Th>
                <SortableTh field="updatedAt" w={150} {...th}>
                  Updated
                </SortableTh>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {contents.isPending ? (
                <LoadingRows colSpan={9} />
              ) : (
                items.map((c) => (
                  <ContentRow
                    key={c.id}
                    content={c}
                    href={contentEditorPath(accountId, siteId, c.id)}
                    selected={selection.isSelected(c.id)}
                    onToggle={() => selection.toggle(c.id)}
                  />
                ))
              )}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </ListPanel>
    </Stack>
  );
}
