import { Group, Select } from '@mantine/core';
import { contentStatuses, type ContentSummary } from '@igny8/contracts';
import { SearchInput } from '../../../components/table/SearchInput';
import { contentStatusMeta } from '../statusLabels';
import { SectorSelect } from '../../planner/components/SectorSelect';
import { scoreBands, type ContentListState, type ScoreBand } from './contentParams';

/** The content list's filters (sorting is on the column headers). */
export function ContentFilters(props: {
  state: ContentListState;
  onChange: (patch: Partial<ContentListState>) => void;
}) {
  const { state, onChange } = props;
  return (
    <Group mb="sm" gap="sm">
      <SectorSelect />
      <SearchInput
        value={state.q}
        onChange={(q) => onChange({ q })}
        placeholder="Search titles"
        testId="content-search"
        w={280}
      />
      <Select
        placeholder="Any status"
        clearable
        value={state.status}
        onChange={(v) => onChange({ status: v as ContentSummary['status'] | null })}
        data={contentStatuses.map((s) => ({ value: s, label: contentStatusMeta[s].label }))}
        w={170}
        aria-label="Status"
        data-testid="content-status-filter"
      />
      <Select
        placeholder="Any score"
        clearable
        value={state.band}
        onChange={(v) => onChange({ band: v as ScoreBand | null })}
        data={(Object.keys(scoreBands) as ScoreBand[]).map((b) => ({ value: b, label: scoreBands[b].label }))}
        w={170}
        aria-label="Score"
        data-testid="content-score-filter"
      />
      <Select
        placeholder="Any length"
        clearable
        value={state.length}
        onChange={(v) => onChange({ length: v as 'short' | 'long' | null })}
        data={[
          { value: 'short', label: 'Short of target' },
          { value: 'long', label: 'Over target' },
        ]}
        w={160}
        aria-label="Length"
        data-testid="content-length-filter"
      />
    </Group>
  );
}
