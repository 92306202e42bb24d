import { useMemo, useState } from 'react';
import { Button, Group, Menu, Stack, Table } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconChevronDown, IconFileText, IconPhotoAi, IconPhotoEdit, IconPencil, IconSend } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { ContentSummary } from '@igny8/contracts';
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
import { ContentFilters, scoreBands, type ContentSort, type ScoreBand } from './ContentFilters';
import { ContentRow } from './ContentRow';
import { ExportMenu } from './ExportMenu';
import { GenerateImagePromptsModal, GenerateImagesModal } from './ImageSettingsModals';
import { useSectorParam } from '../../planner/components/SectorSelect';

const PAGE_SIZE = 50;
const CONTENT_TASKS = ['content.generate', 'image_prompts.generate', 'images.generate'];

export function ContentListPage() {
  const { accountId, siteId, site, canEdit } = useSite();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [status, setStatus] = useState<ContentSummary['status'] | null>(null);
  const [band, setBand] = useState<ScoreBand | null>(null);
  const [length, setLength] = useState<'short' | 'long' | null>(null);
  const [sort, setSort] = useState<ContentSort>('updated');
  const [page, setPage] = useState(1);
  const working = useSiteWorkRunning(accountId, siteId, CONTENT_TASKS);
  const [sectorId] = useSectorParam();
  const query = {
    q: q || undefined,
    status: status ?? undefined,
    ...(band ? { minScore: scoreBands[band].minScore, maxScore: scoreBands[band].maxScore } : {}),
    lengthStatus: length ?? undefined,
    sectorId: sectorId ?? undefined,
    sort: sort === 'updated' ? undefined : sort,
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  };
  const contents = useContents(accountId, siteId, query, working);
  usePageInRange(contents, { total: contents.data?.total ?? 0, page, pageSize: PAGE_SIZE }, setPage);
  const prompts = useGenerateImagePrompts(accountId, siteId);
  const images = useGenerateImages(accountId, siteId);
  const started = useStartedTask();
  const [dialog, setDialog] = useState<'prompts' | 'images' | null>(null);
  const publish = usePublish(accountId, siteId);
  const { canPublish } = usePublishAccess();

  const items = useMemo(() => contents.data?.items ?? [], [contents.data]);
  const visibleIds = useMemo(() => items.map((c) => c.id), [items]);
  const selection = useSelection(visibleIds);
  const n = selection.selected.length;
  const articles = `${n} article${n === 1 ? '' : 's'}`;

  const onStarted = (label: string) => (res: { taskId: string }) => {
    started(res, label);
    selection.clear();
    setDialog(null);
  };
  const filtered = Boolean(q || status || band || length);

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
                        { onSuccess: (res) => (res.taskId ? onStarted(`Publishing ${articles}`)({ taskId: res.taskId }) : selection.clear()) },
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
                        { onSuccess: (res) => (res.taskId ? onStarted(`Scheduling ${articles}`)({ taskId: res.taskId }) : selection.clear()) },
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
          <CreditNote accountId={accountId} siteId={siteId} label="Image prompts" body={{ kind: 'image_prompts.generate', contentIds: selection.selected }} />
          <CreditNote accountId={accountId} siteId={siteId} label="Images" body={{ kind: 'images.generate', contentIds: selection.selected }} />
        </Group>
      ) : null}

      <GenerateImagePromptsModal
        accountId={accountId}
        siteId={siteId}
        contentIds={selection.selected}
        opened={dialog === 'prompts'}
        loading={prompts.isPending}
        onClose={() => setDialog(null)}
        onSubmit={(settings) => prompts.mutate({ contentIds: selection.selected, ...settings }, { onSuccess: onStarted(`Writing image prompts for ${articles}`) })}
      />
      <GenerateImagesModal
        accountId={accountId}
        siteId={siteId}
        contentIds={selection.selected}
        opened={dialog === 'images'}
        loading={images.isPending}
        onClose={() => setDialog(null)}
        onSubmit={(settings) => images.mutate({ contentIds: selection.selected, ...settings }, { onSuccess: onStarted(`Generating images for ${articles}`) })}
      />

      <ContentFilters
        search={search}
        onSearch={(v) => {
          setSearch(v);
          setPage(1);
        }}
        status={status}
        onStatus={(v) => {
          setStatus(v);
          setPage(1);
        }}
        band={band}
        onBand={(v) => {
          setBand(v);
          setPage(1);
        }}
        length={length}
        onLength={(v) => {
          setLength(v);
          setPage(1);
        }}
        sort={sort}
        onSort={(v) => {
          setSort(v);
          setPage(1);
        }}
      />

      <ListPanel
        query={contents}
        footer={
          (contents.data?.total ?? 0) > PAGE_SIZE ? (
            <TablePager total={contents.data?.total ?? 0} pageSize={PAGE_SIZE} page={page} onPage={setPage} noun="articles" />
          ) : null
        }
        isEmpty={items.length === 0}
        empty={
          filtered ? (
            <EmptyState icon={IconFileText} title="No articles match" description="Try other words, another status, score or length." />
          ) : (
            <EmptyState
              icon={IconPencil}
              title="No articles yet"
              description="Articles are written from writer tasks: on the Writer page, select tasks and choose “Generate content”."
              action={
                <Button component={Link} to={siteHomePath(accountId, siteId, 'writer')} variant="light" mt="sm">
                  Go to the writer
                </Button>
              }
            />
          )
        }
      >
        <Table.ScrollContainer minWidth={940}>
          <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover data-testid="content-table">
            <Table.Thead>
              <Table.Tr>
                <SelectAllTh check={selection.check} disabled={items.length === 0} onToggle={selection.toggleVisible} testId="content-select-all" />
                <Table.Th>Title</Table.Th>
                <Table.Th w={180} visibleFrom="md">
                  Keyword
                </Table.Th>
                <Table.Th w={80} ta="right">
                  Words
                </Table.Th>
                <Table.Th w={120}>Score</Table.Th>
                <Table.Th w={110}>Status</Table.Th>
                <Table.Th w={80}>Images</Table.Th>
                <Table.Th w={124}>Source</Table.Th>
                <Table.Th w={110} visibleFrom="lg">
                  Updated
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {contents.isPending
                ? <LoadingRows colSpan={9} />
                : items.map((c) => (
                    <ContentRow
                      key={c.id}
                      content={c}
                      href={contentEditorPath(accountId, siteId, c.id)}
                      selected={selection.isSelected(c.id)}
                      onToggle={() => selection.toggle(c.id)}
                    />
                  ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </ListPanel>
    </Stack>
  );
}
