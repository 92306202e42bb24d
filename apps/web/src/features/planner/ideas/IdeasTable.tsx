import { Badge, Table, Text, Tooltip } from '@mantine/core';
import type { Idea } from '@igny8/contracts';
import { LoadingRows } from '../../../components/table/LoadingRows';
import { SelectAllTh, SelectTd } from '../../../components/table/SelectionCells';
import { headerCheck } from '../../../lib/selection';
import { SourceBadge } from '../components/SourceBadge';
import { SortableTh } from '../../../components/table/SortableTh';
import { nextSort, type SortOrder } from '../../../components/table/urlState';
import type { IdeaSort } from './ideaParams';
import type { Selection } from '../../../components/table/useSelection';
import { formatDate, formatDateTime } from '../../../lib/dates';
import { contentTypeLabel, ideaStatusMeta } from './labels';

function IdeaRow(props: { idea: Idea; selection: Selection | null; onOpen: () => void }) {
  const { idea: i, selection } = props;
  const selected = selection?.isSelected(i.id) ?? false;
  const status = ideaStatusMeta[i.status];
  return (
    <Table.Tr
      data-testid={`idea-row-${i.id}`}
      onClick={props.onOpen}
      style={{ cursor: 'pointer' }}
      bg={selected ? 'var(--mantine-color-indigo-light)' : undefined}
    >
      {selection ? (
        <SelectTd
          size="xs"
          stopPropagation
          label={`Select ${i.title}`}
          checked={selected}
          onChange={(on) => selection.toggle(i.id, on)}
          testId={`idea-select-${i.id}`}
        />
      ) : null}
      <Table.Td>
        <Tooltip label={i.title} multiline maw={420} openDelay={400} withArrow>
          <Text size="sm" fw={600} lineClamp={2}>
            {i.title}
          </Text>
        </Tooltip>
        <Text size="xs" c="dimmed" lineClamp={1} title={i.summary}>
          {i.summary}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" c={i.clusterName ? undefined : 'dimmed'} lineClamp={2} title={i.clusterName ?? undefined}>
          {i.clusterName ?? '—'}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{contentTypeLabel[i.contentType]}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" lineClamp={2} title={i.primaryKeyword} style={{ wordBreak: 'break-word' }}>
          {i.primaryKeyword}
        </Text>
      </Table.Td>
      <Table.Td ta="right">{i.targetWordCount.toLocaleString()}</Table.Td>
      <Table.Td>
        <Badge size="sm" variant="light" color={status.color}>
          {status.label}
        </Badge>
      </Table.Td>
      <Table.Td>
        <Text size="sm" c="dimmed" title={formatDateTime(i.createdAt)}>
          {formatDate(i.createdAt)}
        </Text>
      </Table.Td>
      <Table.Td>
        <SourceBadge source={i.source} />
      </Table.Td>
    </Table.Tr>
  );
}

export function IdeasTable(props: {
  items: Idea[];
  loading: boolean;
  selection: Selection | null;
  onOpen: (id: string) => void;
  sort: { sort: IdeaSort; order: SortOrder };
  onSort: (s: { sort: IdeaSort; order: SortOrder }) => void;
}) {
  const { selection } = props;
  const th = {
    sort: props.sort.sort,
    order: props.sort.order,
    onSort: (field: IdeaSort) =>
      props.onSort(nextSort(props.sort, field, ['title', 'primaryKeyword', 'contentType', 'status'])),
  };
  const pageIds = props.items.map((i) => i.id);
  const check = selection ? headerCheck(selection.selected, pageIds) : 'none';
  return (
    <Table.ScrollContainer minWidth={1120}>
      <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover data-testid="ideas-table">
        <Table.Thead>
          <Table.Tr>
            {selection ? (
              <SelectAllTh
                size="xs"
                check={check}
                disabled={pageIds.length === 0}
                onToggle={() => selection.setMany(pageIds, check !== 'all')}
                testId="ideas-select-all"
              />
            ) : null}
            <SortableTh field="title" {...th}>
              Idea
            </SortableTh>
            <Table.Th w={160}>Cluster</Table.Th>
            <SortableTh field="contentType" w={110} {...th}>
              Type
            </SortableTh>
            <SortableTh field="primaryKeyword" w={200} {...th}>
              Primary keyword
            </SortableTh>
            <SortableTh field="targetWordCount" w={100} align="right" {...th}>
              Words
            </SortableTh>
            <SortableTh field="status" w={120} {...th}>
              Status
            </SortableTh>
            <SortableTh field="createdAt" w={120} {...th}>
              Created
            </SortableTh>
            <Table.Th w={110}>Source</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {props.loading ? (
            <LoadingRows colSpan={selection ? 9 : 8} rows={6} />
          ) : (
            props.items.map((i) => (
              <IdeaRow key={i.id} idea={i} selection={selection} onOpen={() => props.onOpen(i.id)} />
            ))
          )}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
