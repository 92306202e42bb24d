import { Anchor, Badge, Table, Text, Tooltip, Group } from '@mantine/core';
import { Link } from 'react-router';
import type { Keyword } from '@igny8/contracts';
import { LoadingRows } from '../../../components/table/LoadingRows';
import { SelectAllTh, SelectTd } from '../../../components/table/SelectionCells';
import { headerCheck } from '../../../lib/selection';
import { SortableTh } from '../../../components/table/SortableTh';
import type { Selection } from '../../../components/table/useSelection';
import { nextSort, type KeywordFilters, type KeywordSort } from './filters';
import { formatNumber, intentColor, intentLabel, intentSourceLabel, statusColor, statusLabel } from './labels';
import { SectorBadge } from '../components/SectorSelect';

function KeywordRow(props: {
  k: Keyword;
  selectable: boolean;
  selected: boolean;
  onSelect: (on: boolean) => void;
  clusterHref: (id: string) => string;
}) {
  const { k } = props;
  return (
    <Table.Tr data-testid={`keyword-row-${k.id}`} bg={props.selected ? 'var(--mantine-color-indigo-light)' : undefined}>
      {props.selectable ? (
        <SelectTd
          size="xs"
          label={`Select ${k.phrase}`}
          checked={props.selected}
          onChange={props.onSelect}
          testId={`keyword-select-${k.id}`}
        />
      ) : null}
      <Table.Td>
        <Group gap={6} wrap="nowrap">
          <Text size="sm" fw={500}>
            {k.phrase}
          </Text>
          <SectorBadge sectorId={k.sectorId} />
        </Group>
      </Table.Td>
      <Table.Td ta="right">{formatNumber(k.volume)}</Table.Td>
      <Table.Td ta="right">{formatNumber(k.difficulty)}</Table.Td>
      <Table.Td ta="right">{k.cpc === null ? '—' : k.cpc.toFixed(2)}</Table.Td>
      <Table.Td>
        {k.intent ? (
          <Tooltip
            label={`Intent ${k.intentSource ? intentSourceLabel[k.intentSource] : ''}`}
            withArrow
            openDelay={300}
          >
            <Badge
              size="sm"
              variant={k.intentSource === 'rules' ? 'dot' : 'light'}
              color={intentColor[k.intent]}
              data-testid="keyword-intent"
            >
              {intentLabel[k.intent]}
            </Badge>
          </Tooltip>
        ) : (
          <Text size="sm" c="dimmed">
            —
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Badge
          size="sm"
          variant={k.status === 'new' ? 'outline' : 'light'}
          color={statusColor[k.status]}
          data-testid="keyword-status"
        >
          {statusLabel[k.status]}
        </Badge>
      </Table.Td>
      <Table.Td>
        {k.clusterId ? (
          <Anchor component={Link} to={props.clusterHref(k.clusterId)} size="sm" lineClamp={1}>
            {k.clusterName}
          </Anchor>
        ) : (
          <Badge size="sm" variant="outline" color="gray">
            Unclustered
          </Badge>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

export function KeywordsTable(props: {
  items: Keyword[];
  loading: boolean;
  filters: KeywordFilters;
  onSort: (s: { sort: KeywordSort; order: 'asc' | 'desc' }) => void;
  selection: Selection | null;
  clusterHref: (id: string) => string;
}) {
  const { filters: f, selection } = props;
  const pageIds = props.items.map((k) => k.id);
  const check = selection ? headerCheck(selection.selected, pageIds) : 'none';
  const sortBy = (field: KeywordSort) => props.onSort(nextSort(f, field, ['phrase']));
  const th = { sort: f.sort, order: f.order, onSort: sortBy };

  return (
    <Table.ScrollContainer minWidth={960}>
      <Table verticalSpacing={8} horizontalSpacing="md" highlightOnHover data-testid="keywords-table">
        <Table.Thead>
          <Table.Tr>
            {selection ? (
              <SelectAllTh
                size="xs"
                check={check}
                disabled={pageIds.length === 0}
                onToggle={() => selection.setMany(pageIds, check !== 'all')}
                testId="keywords-select-all"
              />
            ) : null}
            <SortableTh field="phrase" {...th}>
              Keyword
            </SortableTh>
            <SortableTh field="volume" w={110} align="right" {...th}>
              Volume
            </SortableTh>
            <SortableTh field="difficulty" w={110} align="right" {...th}>
              Difficulty
            </SortableTh>
            <SortableTh field="cpc" w={90} align="right" {...th}>
              CPC
            </SortableTh>
            <Table.Th w={165}>Intent</Table.Th>
            <Table.Th w={100}>Status</Table.Th>
            <Table.Th w={210}>Cluster</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {props.loading ? (
            <LoadingRows colSpan={selection ? 8 : 7} rows={6} />
          ) : (
            props.items.map((k) => (
              <KeywordRow
                key={k.id}
                k={k}
                selectable={selection !== null}
                selected={selection?.isSelected(k.id) ?? false}
                onSelect={(on) => selection?.toggle(k.id, on)}
                clusterHref={props.clusterHref}
              />
            ))
          )}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
