import { CloseButton, Group, Select, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { contentStatuses, type ContentSummary } from '@igny8/contracts';
import { contentStatusMeta } from '../statusLabels';

export function ContentFilters(props: {
  search: string;
  onSearch: (q: string) => void;
  status: ContentSummary['status'] | null;
  onStatus: (status: ContentSummary['status'] | null) => void;
}) {
  return (
    <Group mb="sm" gap="sm">
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
    </Group>
  );
}
