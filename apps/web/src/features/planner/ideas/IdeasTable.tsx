import { Badge, Table, Text } from '@mantine/core';
import type { Idea } from '@igny8/contracts';
import { LoadingRows } from '../../../components/table/LoadingRows';
import { SelectAllTh, SelectTd } from '../../../components/table/SelectionCells';
import { headerCheck } from '../../../lib/selection';
import { SourceBadge } from '../components/SourceBadge';
import type { Selection } from '../../../components/table/useSelection';
import { contentTypeLabel, ideaStatusMeta } from './labels';

function IdeaRow(props: { idea: Idea; selection: Selection | null; onOpen: () => void }) {
  const { idea: i, selection } = props;
  const selected = selection?.isSelected(i.id) ?? false;
  const status = ideaStatusMeta[i.status];
  return (
    <Table.Tr data-testid={`idea-row-${i.id}`} onClick={props.onOpen} style={{ cursor: 'pointer' }} bg={selected ? 'var(--mantine-color-indigo-light)' : undefined}>
      {selection ? (
        <SelectTd size="xs" stopPropagation label={`Select ${i.title}`} checked={selected} onChange={(on) => selection.toggle(i.id, on)} testId={`idea-select-${i.id}`} />
      ) : null}
      <Table.Td>
        <Text size="sm" fw={600} lineClamp={1}>
          {i.title}
        </Text>
        <Text size="xs" c="dimmed" lineClamp={1}>
          {i.summary}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" c={i.clusterName ? undefined : 'dimmed'} lineClamp={1}>
          {i.clusterName ?? '—'}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{contentTypeLabel[i.contentType]}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" lineClamp={1}>
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
        <SourceBadge source={i.source} />
      </Table.Td>
    </Table.Tr>
  );
}

export function IdeasTable(props: { items: Idea[]; loading: boolean; selection: Selection | null; onOpen: (id: string) => void }) {
  const { selection } = props;
  const pageIds = props.items.map((i) => i.id);
  const check = selection ? headerCheck(selection.selected, pageIds) : 'none';
  return (
    <Table.ScrollContainer minWidth={1000}>
      <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover data-testid="ideas-table">
        <Table.Thead>
          <Table.Tr>
            {selection ? (
              <SelectAllTh size="xs" check={check} disabled={pageIds.length === 0} onToggle={() => selection.setMany(pageIds, check !== 'all')} testId="ideas-select-all" />
            ) : null}
            <Table.Th>Idea</Table.Th>
            <Table.Th w={160}>Cluster</Table.Th>
            <Table.Th w={110}>Type</Table.Th>
            <Table.Th w={170}>Primary keyword</Table.Th>
            <Table.Th w={80} ta="right">
              Words
            </Table.Th>
            <Table.Th w={120}>Status</Table.Th>
            <Table.Th w={110}>Source</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {props.loading ? <LoadingRows colSpan={selection ? 8 : 7} rows={6} /> : props.items.map((i) => <IdeaRow key={i.id} idea={i} selection={selection} onOpen={() => props.onOpen(i.id)} />)}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
