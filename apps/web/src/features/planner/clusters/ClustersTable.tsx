import { Badge, Group, Stack, Table, Text } from '@mantine/core';
import type { Cluster } from '@igny8/contracts';
import { LoadingRows } from '../../../components/table/LoadingRows';
import { SelectAllTh, SelectTd } from '../../../components/table/SelectionCells';
import { headerCheck } from '../../../lib/selection';
import { SortableTh } from '../../../components/table/SortableTh';
import { SourceBadge } from '../components/SourceBadge';
import { nextSort } from '../../../components/table/urlState';
import { formatNumber, intentColor, intentLabel } from '../keywords/labels';
import type { Selection } from '../../../components/table/useSelection';
import type { ClusterListState, ClusterSortField } from './clusterParams';
import { SectorBadge } from '../components/SectorSelect';

function ClusterRow(props: { c: Cluster; selection: Selection | null; onOpen: () => void }) {
  const { c, selection } = props;
  const selected = selection?.isSelected(c.id) ?? false;
  return (
    <Table.Tr
      data-testid={`cluster-row-${c.id}`}
      onClick={props.onOpen}
      style={{ cursor: 'pointer' }}
      bg={selected ? 'var(--mantine-color-indigo-light)' : undefined}
    >
      {selection ? (
        <SelectTd
          size="xs"
          stopPropagation
          label={`Select ${c.name}`}
          checked={selected}
          onChange={(on) => selection.toggle(c.id, on)}
          testId={`cluster-select-${c.id}`}
        />
      ) : null}
      <Table.Td>
        <Stack gap={2}>
          <Group gap={6} wrap="nowrap">
            <Text size="sm" fw={600}>
              {c.name}
            </Text>
            <SourceBadge source={c.descriptionSource} />
            <SectorBadge sectorId={c.sectorId} />
          </Group>
          <Text size="xs" c="dimmed" lineClamp={2}>
            {c.description || 'No description'}
          </Text>
        </Stack>
      </Table.Td>
      <Table.Td ta="right">{c.keywordCount.toLocaleString()}</Table.Td>
      <Table.Td ta="right">{c.totalVolume.toLocaleString()}</Table.Td>
      <Table.Td ta="right">{formatNumber(c.avgDifficulty)}</Table.Td>
      <Table.Td>
        {c.dominantIntent ? (
          <Badge size="sm" variant="light" color={intentColor[c.dominantIntent]}>
            {intentLabel[c.dominantIntent]}
          </Badge>
        ) : (
          <Text size="sm" c="dimmed">
            —
          </Text>
        )}
      </Table.Td>
      <Table.Td ta="right">
        <Badge size="sm" variant={c.ideaCount ? 'light' : 'outline'} color={c.ideaCount ? 'indigo' : 'gray'}>
          {c.ideaCount}
        </Badge>
      </Table.Td>
    </Table.Tr>
  );
}

export function ClustersTable(props: {
  items: Cluster[];
  loading: boolean;
  state: ClusterListState;
  onSort: (s: { sort: ClusterSortField; order: 'asc' | 'desc' }) => void;
  selection: Selection | null;
  onOpen: (id: string) => void;
}) {
  const { state, selection } = props;
  const pageIds = props.items.map((c) => c.id);
  const check = selection ? headerCheck(selection.selected, pageIds) : 'none';
  const th = {
    sort: state.sort,
    order: state.order,
    onSort: (f: ClusterSortField) => props.onSort(nextSort(state, f, ['name'])),
  };
  return (
    <Table.ScrollContainer minWidth={940}>
      <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover data-testid="clusters-table">
        <Table.Thead>
          <Table.Tr>
            {selection ? (
              <SelectAllTh
                size="xs"
                check={check}
                disabled={pageIds.length === 0}
                onToggle={() => selection.setMany(pageIds, check !== 'all')}
                testId="clusters-select-all"
              />
            ) : null}
            <SortableTh field="name" {...th}>
              Cluster
            </SortableTh>
            <SortableTh field="keywordCount" w={110} align="right" {...th}>
              Keywords
            </SortableTh>
            <SortableTh field="totalVolume" w={120} align="right" {...th}>
              Volume
            </SortableTh>
            <SortableTh field="avgDifficulty" w={120} align="right" {...th}>
              Difficulty
            </SortableTh>
            <Table.Th w={165}>Intent</Table.Th>
            <Table.Th w={70} ta="right">
              Ideas
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {props.loading ? (
            <LoadingRows colSpan={selection ? 7 : 6} rows={6} />
          ) : (
            props.items.map((c) => (
              <ClusterRow key={c.id} c={c} selection={selection} onOpen={() => props.onOpen(c.id)} />
            ))
          )}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
