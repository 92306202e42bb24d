import { Group, NativeSelect, SegmentedControl } from '@mantine/core';
import { kindLabels } from './labels';

export type StatusFilter = 'all' | 'active' | 'finished';

export const statusFilterParam: Record<StatusFilter, boolean | undefined> = {
  all: undefined,
  active: true,
  finished: false,
};

/** Kind and state filters of the task history (the server filters; these only pick). */
export function TaskFilters(props: {
  kind: string;
  status: StatusFilter;
  onKind: (kind: string) => void;
  onStatus: (status: StatusFilter) => void;
}) {
  return (
    <Group gap="sm" wrap="wrap">
      <SegmentedControl
        size="sm"
        value={props.status}
        onChange={(v) => props.onStatus(v as StatusFilter)}
        data={[
          { value: 'all', label: 'All' },
          { value: 'active', label: 'Running' },
          { value: 'finished', label: 'Finished' },
        ]}
        data-testid="tasks-filter-status"
      />
      <NativeSelect
        size="sm"
        w={220}
        aria-label="Kind"
        value={props.kind}
        onChange={(e) => props.onKind(e.currentTarget.value)}
        data={[
          { value: '', label: 'All kinds' },
          ...Object.entries(kindLabels).map(([value, label]) => ({ value, label })),
        ]}
        data-testid="tasks-filter-kind"
      />
    </Group>
  );
}
