import { useState } from 'react';
import {
  Button,
  Chip,
  Group,
  NumberInput,
  SegmentedControl,
  Stack,
  Switch,
  TagsInput,
  Text,
  TextInput,
} from '@mantine/core';
import { savePublishingSettingsBodySchema, type PublishingSettings } from '@igny8/contracts';
import { useSavePublishingSettings } from '../../api/queries/publishing';

const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** The site's editorial rule (editors may publish) and its publishing schedule. Keyed by the saved settings, so a save or refetch starts it afresh. */
export function ScheduleForm(props: {
  accountId: string;
  siteId: string;
  settings: PublishingSettings;
  canManage: boolean;
}) {
  const save = useSavePublishingSettings(props.accountId, props.siteId);
  const [v, setV] = useState(props.settings);
  const set = (patch: Partial<PublishingSettings>) => setV((s) => ({ ...s, ...patch }));
  const check = savePublishingSettingsBodySchema.safeParse(v);
  const ro = !props.canManage;

  return (
    <Stack gap="sm">
      <Switch
        label="Editors may publish without review"
        description="Otherwise editors submit articles for review, and admins approve and publish them."
        checked={v.editorsCanPublish}
        disabled={ro}
        onChange={(e) => set({ editorsCanPublish: e.currentTarget.checked })}
        data-testid="editors-can-publish"
      />
      <Stack gap={4}>
        <Text size="sm" fw={500}>
          When “Publish by schedule” publishes
        </Text>
        <SegmentedControl
          value={v.scheduleMode}
          disabled={ro}
          onChange={(m) => set({ scheduleMode: m as PublishingSettings['scheduleMode'] })}
          data={[
            { value: 'immediate', label: 'Immediately' },
            { value: 'slots', label: 'Time slots' },
            { value: 'stagger', label: 'Every N hours' },
          ]}
          data-testid="schedule-mode"
        />
      </Stack>
      {v.scheduleMode === 'slots' ? (
        <>
          <Chip.Group multiple value={v.slotDays.map(String)} onChange={(vals) => set({ slotDays: vals.map(Number) })}>
            <Group gap={6}>
              {days.map((d, i) => (
                <Chip key={d} value={String(i)} size="xs" disabled={ro}>
                  {d}
                </Chip>
              ))}
            </Group>
          </Chip.Group>
          <TagsInput
            label="Times of day"
            placeholder="09:00, then Enter"
            value={v.slotTimes}
            disabled={ro}
            onChange={(slotTimes) => set({ slotTimes })}
          />
        </>
      ) : null}
      {v.scheduleMode === 'stagger' ? (
        <NumberInput
          label="Hours between articles"
          min={1}
          max={336}
          value={v.staggerHours}
          disabled={ro}
          onChange={(n) => set({ staggerHours: Number(n) || 1 })}
        />
      ) : null}
      <Group grow>
        <NumberInput
          label="Daily cap"
          description="Most articles published per day; empty for no cap."
          min={1}
          value={v.dailyCap ?? ''}
          disabled={ro}
          onChange={(n) => set({ dailyCap: n === '' ? null : Number(n) })}
        />
        <TextInput
          label="Time zone"
          description="Slots and days are in this zone."
          value={v.timezone}
          disabled={ro}
          onChange={(e) => set({ timezone: e.currentTarget.value })}
        />
      </Group>
      {!check.success ? (
        <Text size="xs" c="red">
          {check.error.issues[0]?.message}
        </Text>
      ) : null}
      {props.canManage ? (
        <Group justify="flex-end">
          <Button
            onClick={() => save.mutate(v)}
            loading={save.isPending}
            disabled={!check.success}
            data-testid="schedule-save"
          >
            Save
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}
