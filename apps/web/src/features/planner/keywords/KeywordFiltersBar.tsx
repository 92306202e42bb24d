import {
  Badge,
  Button,
  Group,
  NumberInput,
  Popover,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
} from '@mantine/core';
import { IconAdjustmentsHorizontal, IconX } from '@tabler/icons-react';
import { intents, keywordStatuses } from '@igny8/contracts';
import { ClusterSelect } from '../clusters/ClusterSelect';
import { SearchInput } from '../../../components/table/SearchInput';
import { hasKeywordFilters, type KeywordFilters } from './filters';
import { intentLabel, statusLabel } from './labels';
import { SectorSelect } from '../components/SectorSelect';

type Patch = Partial<KeywordFilters>;

function RangeInputs(props: {
  label: string;
  min: number | null;
  max: number | null;
  limit?: number;
  onChange: (min: number | null, max: number | null) => void;
  testId: string;
}) {
  const num = (v: string | number) => (v === '' || v === null ? null : Number(v));
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        {props.label}
      </Text>
      <SimpleGrid cols={2} spacing="xs">
        <NumberInput
          size="xs"
          placeholder="Min"
          min={0}
          max={props.limit}
          value={props.min ?? ''}
          onChange={(v) => props.onChange(num(v), props.max)}
          data-testid={`${props.testId}-min`}
        />
        <NumberInput
          size="xs"
          placeholder="Max"
          min={0}
          max={props.limit}
          value={props.max ?? ''}
          onChange={(v) => props.onChange(props.min, num(v))}
          data-testid={`${props.testId}-max`}
        />
      </SimpleGrid>
    </Stack>
  );
}

export function KeywordFiltersBar(props: { filters: KeywordFilters; onChange: (patch: Patch) => void }) {
  const f = props.filters;
  const ranges = [f.volumeMin, f.volumeMax, f.difficultyMin, f.difficultyMax].filter((v) => v !== null).length;
  return (
    <Group gap="sm" wrap="wrap" mb="sm" align="center">
      <SectorSelect />
      <SearchInput
        value={f.q}
        onChange={(q) => props.onChange({ q })}
        placeholder="Search keywords"
        testId="keywords-search"
      />
      <Select
        w={170}
        placeholder="Any intent"
        clearable
        data={intents.map((i) => ({ value: i, label: intentLabel[i] }))}
        value={f.intent}
        onChange={(v) => props.onChange({ intent: (v as KeywordFilters['intent']) ?? null })}
        data-testid="keywords-filter-intent"
        aria-label="Intent"
      />
      <Select
        w={140}
        placeholder="Any status"
        clearable
        data={keywordStatuses.map((s) => ({ value: s, label: statusLabel[s] }))}
        value={f.status}
        onChange={(v) => props.onChange({ status: (v as KeywordFilters['status']) ?? null })}
        data-testid="keywords-filter-status"
        aria-label="Status"
      />
      <SegmentedControl
        size="sm"
        value={f.clustered ?? 'all'}
        data={[
          { value: 'all', label: 'All' },
          { value: 'yes', label: 'Clustered' },
          { value: 'no', label: 'Unclustered' },
        ]}
        onChange={(v) =>
          props.onChange({
            clustered: v === 'all' ? null : (v as 'yes' | 'no'),
            ...(v === 'no' ? { clusterId: null } : {}),
          })
        }
        data-testid="keywords-filter-clustered"
      />
      <ClusterSelect
        w={200}
        placeholder="Any cluster"
        clearable
        value={f.clusterId}
        onChange={(v) => props.onChange({ clusterId: v ?? null, ...(v ? { clustered: null } : {}) })}
        data-testid="keywords-filter-cluster"
        aria-label="Cluster"
      />
      <Popover width={300} position="bottom-end" shadow="md" withinPortal>
        <Popover.Target>
          <Button
            variant="default"
            leftSection={<IconAdjustmentsHorizontal size={16} />}
            rightSection={
              ranges ? (
                <Badge size="xs" circle>
                  {ranges}
                </Badge>
              ) : null
            }
            data-testid="keywords-filter-ranges"
          >
            Ranges
          </Button>
        </Popover.Target>
        <Popover.Dropdown>
          <Stack gap="sm">
            <RangeInputs
              label="Search volume"
              min={f.volumeMin}
              max={f.volumeMax}
              onChange={(volumeMin, volumeMax) => props.onChange({ volumeMin, volumeMax })}
              testId="keywords-filter-volume"
            />
            <RangeInputs
              label="Difficulty (0–100)"
              min={f.difficultyMin}
              max={f.difficultyMax}
              limit={100}
              onChange={(difficultyMin, difficultyMax) => props.onChange({ difficultyMin, difficultyMax })}
              testId="keywords-filter-difficulty"
            />
          </Stack>
        </Popover.Dropdown>
      </Popover>
      {hasKeywordFilters(f) ? (
        <Button
          variant="subtle"
          color="gray"
          leftSection={<IconX size={14} />}
          data-testid="keywords-clear-filters"
          onClick={() =>
            props.onChange({
              q: '',
              intent: null,
              status: null,
              clustered: null,
              clusterId: null,
              volumeMin: null,
              volumeMax: null,
              difficultyMin: null,
              difficultyMax: null,
            })
          }
        >
          Clear filters
        </Button>
      ) : null}
    </Group>
  );
}
