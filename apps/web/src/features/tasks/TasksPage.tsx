import { Stack, Table } from '@mantine/core';
import { IconChecklist } from '@tabler/icons-react';
import { roleAtLeast } from '@igny8/contracts';
import { useTaskList } from '../../api/queries/tasks';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { ListPanel } from '../../components/table/ListPanel';
import { LoadingRows } from '../../components/table/LoadingRows';
import { SortableTh } from '../../components/table/SortableTh';
import { TablePager } from '../../components/table/TablePager';
import { nextSort, pageSizes } from '../../components/table/urlState';
import { useListState } from '../../components/table/useListState';
import { usePageInRange } from '../../components/table/usePageInRange';
import { useCurrentAccount } from '../account/context';
import { TaskDetailDrawer } from './TaskDetailDrawer';
import { TaskFilters } from './TaskFilters';
import { taskListQuery, taskListStateFromParams, taskListStateToParams, type TaskRunSort } from './taskListParams';
import { TaskRow } from './TaskRow';
import { listPollInterval } from './trayState';
import { useNow } from './useNow';

/** `/a/:accountId/tasks`: every task of the account, filtered, sorted and paged by the server. */
export function TasksPage() {
  const { accountId, membership } = useCurrentAccount();
  const [state, setState] = useListState(taskListStateFromParams, taskListStateToParams);
  const now = useNow(5_000);
  const list = useTaskList(accountId, taskListQuery(state), (data) => listPollInterval(data?.items));

  const items = list.data?.items ?? [];
  const total = list.data?.total ?? 0;
  // A page that emptied (e.g. active tasks finished) moves back in place.
  usePageInRange(list, { total, page: state.page, pageSize: state.pageSize }, (page) => setState({ page }));
  const filtered = state.kind !== '' || state.status !== 'all';
  // Opening and closing a task keeps the page the user is on.
  const openTask = (task: string | null) => setState({ task, page: state.page });
  const th = {
    sort: state.sort,
    order: state.order,
    onSort: (field: TaskRunSort) => setState(nextSort<TaskRunSort>(state, field, ['title', 'kind', 'status'])),
  };

  return (
    <Stack gap={0}>
      <PageHeader
        title="Tasks"
        description="Every clustering, idea, content and image run in this account, with its progress and outcome."
        actions={
          <TaskFilters
            kind={state.kind}
            status={state.status}
            onKind={(kind) => setState({ kind })}
            onStatus={(status) => setState({ status })}
          />
        }
      />

      <ListPanel
        query={list}
        dim
        isEmpty={items.length === 0}
        empty={
          <EmptyState
            icon={IconChecklist}
            title={filtered ? 'No tasks match these filters' : 'No tasks yet'}
            description={
              filtered
                ? 'Try another kind or state.'
                : 'Clustering keywords, generating ideas, content or images starts a task; it shows up here.'
            }
          />
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
              noun="tasks"
            />
          ) : null
        }
      >
        <Table.ScrollContainer minWidth={680}>
          <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover data-testid="tasks-table">
            <Table.Thead>
              <Table.Tr>
                <SortableTh field="title" {...th}>
                  Task
                </SortableTh>
                <SortableTh field="status" w={130} {...th}>
                  Status
                </SortableTh>
                <Table.Th w={280}>Progress / outcome</Table.Th>
                <SortableTh field="createdAt" w={150} {...th}>
                  Started
                </SortableTh>
                <SortableTh field="finishedAt" w={150} {...th}>
                  Finished
                </SortableTh>
                <Table.Th w={110} visibleFrom="md">
                  Duration
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.isPending ? (
                <LoadingRows colSpan={6} rows={5} />
              ) : (
                items.map((run) => <TaskRow key={run.id} run={run} now={now} onOpen={openTask} />)
              )}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </ListPanel>

      <TaskDetailDrawer
        accountId={accountId}
        taskId={state.task}
        canCancel={roleAtLeast(membership.role, 'editor')}
        onClose={() => openTask(null)}
        onOpenTask={openTask}
      />
    </Stack>
  );
}
