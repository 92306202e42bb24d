import { CloseButton, Group, Select, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { contentStatuses, type ContentSummary } from '@igny8/contracts';

export type ScoreBand = 'low' | 'mid' | 'high';
export const scoreBands: Record<ScoreBand, { label: string; minScore?: number; maxScore?: number }> = {
  low: { label: 'Score below 50', maxScore: 49 },
  mid: { label: 'Score 50–79', minScore: 50, maxScore: 79 },
  high: { label: 'Score 80 and up', minScore: 80 },
};
export type ContentSort = 'updated' | '-score' | 'score';
const sorts: { value: ContentSort; label: string }[] = [
  { value: 'updated', label: 'Recently updated' },
  { value: '-score', label: 'Highest score' },
  { value: 'score', label: 'Lowest score' },
];
import { contentStatusMeta } from '../statusLabels';
import { SectorSelect } from '../../planner/components/SectorSelect';

export function ContentFilters(props: {
  search: string;
  onSearch: (q: string) => void;
  status: ContentSummary['status'] | null;
  onStatus: (status: ContentSummary['status'] | null) => void;
  band: ScoreBand | null;
  onBand: (band: ScoreBand | null) => void;
  length: 'short' | 'long' | null;
  onLength: (length: 'short' | 'long' | null) => void;
  sort: ContentSort;
  onSort: (sort: ContentSort) => void;
}) {
  return (
    <Group mb="sm" gap="sm">
      <SectorSelect />
      <TextInput
        placeholder="Search titles"
        leftSection={<IconSearch size={16} />}
        value={props.search}
        onChange={(e) => props.onSearch(e.currentTarget.value)}
        rightSection={props.search ? <CloseButton size="sm" aria-label="Clear search" onClick={() => props.onSearch('')} /> : null}
        w={280}
        data-testid="content-search"
      />
      <Select
        placeholder="Any status"
        clearable
        value={props.status}
        onChange={(v) => props.onStatus(v as ContentSummary['status'] | null)}
        data={contentStatuses.map((s) => ({ value: s, label: contentStatusMeta[s].label }))}
        w={170}
        data-testid="content-status-filter"
      />
      <Select
        placeholder="Any score"
        clearable
        value={props.band}
        onChange={(v) => props.onBand(v as ScoreBand | null)}
        data={(Object.keys(scoreBands) as ScoreBand[]).map((b) => ({ value: b, label: scoreBands[b].label }))}
        w={170}
        data-testid="content-score-filter"
      />
      <Select
        placeholder="Any length"
        clearable
        value={props.length}
        onChange={(v) => props.onLength(v as 'short' | 'long' | null)}
        data={[
          { value: 'short', label: 'Short of target' },
          { value: 'long', label: 'Over target' },
        ]}
        w={160}
        data-testid="content-length-filter"
      />
      <Select
        value={props.sort}
        allowDeselect={false}
        onChange={(v) => v && props.onSort(v as ContentSort)}
        data={sorts}
        w={170}
        aria-label="Sort"
        data-testid="content-sort"
      />
    </Group>
  );
}
