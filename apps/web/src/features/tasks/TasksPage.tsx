import { Group, Pagination, Paper, Stack, Table, Text } from '@mantine/core';
import { IconChecklist } from '@tabler/icons-react';
import { useSearchParams } from 'react-router';
import { roleAtLeast } from '@igny8/contracts';
import { useTaskList } from '../../api/queries/tasks';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { LoadingRows } from '../../components/table/LoadingRows';
import { lastPage } from '../../components/table/pages';
import { usePageInRange } from '../../components/table/usePageInRange';
import { useCurrentAccount } from '../account/context';
import { TaskDetailDrawer } from './TaskDetailDrawer';
import { TaskFilters, statusFilterParam, type StatusFilter } from './TaskFilters';
import { TaskRow } from './TaskRow';
import { listPollInterval } from './trayState';
import { useNow } from './useNow';

const PAGE_SIZE = 20;

/** `/a/:accountId/tasks`: every task of the account, filtered and paged by the server. */
export function TasksPage() {
  const { accountId, membership } = useCurrentAccount();
  const [search, setSearch] = useSearchParams();
  const page = Math.max(1, Number(search.get('page')) || 1);
  const kind = search.get('kind') ?? '';
  const status = (['active', 'finished'].includes(search.get('status') ?? '') ? search.get('status') : 'all') as StatusFilter;
  const openTask = search.get('task');
  const now = useNow(5_000);

  const list = useTaskList(
    accountId,
    { active: statusFilterParam[status], kind: kind || undefined, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE },
    (data) => listPollInterval(data?.items),
  );

  const update = (changes: Record<string, string | null>, replace = 'task' in changes) =>
    setSearch(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(changes)) {
          if (v === null || v === '') next.delete(k);
          else next.set(k, v);
        }
        return next;
      },
      { replace },
    );

  const items = list.data?.items ?? [];
  const total = list.data?.total ?? 0;
  const pages = lastPage(total, PAGE_SIZE);
  // A page that emptied (e.g. active tasks finished) moves back in place, without a history entry.
  usePageInRange(list, { total, page, pageSize: PAGE_SIZE }, (p) => update({ page: p === 1 ? null : String(p) }, true));
  const filtered = kind !== '' || status !== 'all';

  return (
    <Stack gap={0}>
      <PageHeader
        title="Tasks"
        description="Every clustering, idea, content and image run in this account, with its progress and outcome."
        actions={
          <TaskFilters
            kind={kind}
            status={status}
            onKind={(k) => update({ kind: k, page: null })}
            onStatus={(s) => update({ status: s === 'all' ? null : s, page: null })}
          />
        }
      />

      {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}

      {!list.isError ? (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={680}>
            <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover data-testid="tasks-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Task</Table.Th>
                  <Table.Th w={130}>Status</Table.Th>
                  <Table.Th w={280}>Progress / outcome</Table.Th>
                  <Table.Th w={130} visibleFrom="md">
                    Started
                  </Table.Th>
                  <Table.Th w={110} visibleFrom="md">
                    Duration
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.isPending
                  ? <LoadingRows colSpan={5} rows={5} />
                  : items.map((run) => (
                      <TaskRow key={run.id} run={run} now={now} onOpen={(id) => update({ task: id })} />
                    ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {list.isSuccess && items.length === 0 ? (
            <EmptyState
              icon={IconChecklist}
              title={filtered ? 'No tasks match these filters' : 'No tasks yet'}
              description={
                filtered
                  ? 'Try another kind or state.'
                  : 'Clustering keywords, generating ideas, content or images starts a task; it shows up here.'
              }
            />
          ) : null}
        </Paper>
      ) : null}

      {total > PAGE_SIZE ? (
        <Group justify="space-between" mt="md">
          <Text size="xs" c="dimmed">
            {(page - 1) * PAGE_SIZE + 1}–{Math.min(page * PAGE_SIZE, total)} of {total}
          </Text>
          <Pagination
            total={pages}
            value={Math.min(page, pages)}
            onChange={(p) => update({ page: p === 1 ? null : String(p) })}
            size="sm"
            data-testid="tasks-pagination"
          />
        </Group>
      ) : null}

      <TaskDetailDrawer
        accountId={accountId}
        taskId={openTask}
        canCancel={roleAtLeast(membership.role, 'editor')}
        onClose={() => update({ task: null })}
        onOpenTask={(id) => update({ task: id })}
      />
    </Stack>
  );
}
