import { useState } from 'react';
import {
  Button,
  Group,
  NumberInput,
  SegmentedControl,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import {
  automationConfigBodySchema,
  automationStageLabels,
  automationStages,
  type AutomationConfig,
  type AutomationConfigBody,
} from '@igny8/contracts';
import { useSaveAutomationConfig } from '../../api/queries/automation';
import { formatDateTime } from './labels';

const weekdays = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const num = (v: string | number) => (v === '' ? undefined : Number(v));

/** The site's automation settings; admins edit, everyone else reads. Keyed by the saved settings. */
export function ConfigForm(props: {
  accountId: string;
  siteId: string;
  config: AutomationConfig;
  canConfigure: boolean;
}) {
  const save = useSaveAutomationConfig(props.accountId, props.siteId);
  const { nextRunAt, updatedAt: _updatedAt, ...saved } = props.config;
  const [v, setV] = useState<AutomationConfigBody>(saved);
  const ro = !props.canConfigure;
  const check = automationConfigBodySchema.safeParse(v);
  const set = (patch: Partial<AutomationConfigBody>) => setV((s) => ({ ...s, ...patch }));
  const schedule = v.schedule;
  const setSchedule = (patch: Partial<AutomationConfigBody['schedule']>) =>
    set({ schedule: { ...schedule, ...patch } });
  const setStage = <K extends keyof AutomationConfigBody['stages']>(
    k: K,
    patch: Partial<AutomationConfigBody['stages'][K]>,
  ) => set({ stages: { ...v.stages, [k]: { ...v.stages[k], ...patch } } });

  return (
    <Stack gap="md" data-testid="automation-config">
      <Switch
        label="Run on a schedule"
        description={
          v.enabled && nextRunAt ? `Next run: ${formatDateTime(nextRunAt)}` : 'Runs start only with “Run now”.'
        }
        checked={v.enabled}
        disabled={ro}
        onChange={(e) => set({ enabled: e.currentTarget.checked })}
        data-testid="automation-enabled"
      />
      <Group grow align="flex-start">
        <SegmentedControl
          value={schedule.frequency}
          disabled={ro}
          onChange={(f) =>
            setSchedule({
              frequency: f as AutomationConfigBody['schedule']['frequency'],
              weekday: f === 'weekly' ? (schedule.weekday ?? 1) : undefined,
              monthDay: f === 'monthly' ? (schedule.monthDay ?? 1) : undefined,
            })
          }
          data={[
            { value: 'daily', label: 'Daily' },
            { value: 'weekly', label: 'Weekly' },
            { value: 'monthly', label: 'Monthly' },
          ]}
          data-testid="automation-frequency"
        />
        <TextInput
          label="At"
          placeholder="06:00"
          value={schedule.time}
          disabled={ro}
          onChange={(e) => setSchedule({ time: e.currentTarget.value })}
          data-testid="automation-time"
        />
      </Group>
      <Group grow>
        {schedule.frequency === 'weekly' ? (
          <Select
            label="On"
            data={weekdays.map((d, i) => ({ value: String(i), label: d }))}
            value={String(schedule.weekday ?? 1)}
            disabled={ro}
            onChange={(d) => setSchedule({ weekday: Number(d ?? 1) })}
          />
        ) : null}
        {schedule.frequency === 'monthly' ? (
          <NumberInput
            label="Day of the month"
            min={1}
            max={28}
            value={schedule.monthDay ?? 1}
            disabled={ro}
            onChange={(d) => setSchedule({ monthDay: num(d) ?? 1 })}
          />
        ) : null}
        <TextInput
          label="Time zone"
          description="An IANA name, e.g. Europe/Berlin"
          value={schedule.timezone}
          disabled={ro}
          onChange={(e) => setSchedule({ timezone: e.currentTarget.value })}
          data-testid="automation-timezone"
        />
      </Group>

      <Title order={5}>Stages</Title>
      <Table withTableBorder verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Stage</Table.Th>
            <Table.Th>Batch size</Table.Th>
            <Table.Th>Options</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {automationStages.map((stage) => (
            <Table.Tr key={stage}>
              <Table.Td>
                <Switch
                  size="sm"
                  label={automationStageLabels[stage]}
                  checked={v.stages[stage].enabled}
                  disabled={ro}
                  onChange={(e) => setStage(stage, { enabled: e.currentTarget.checked })}
                  data-testid={`automation-stage-enabled-${stage}`}
                />
              </Table.Td>
              <Table.Td>
                <NumberInput
                  size="xs"
                  w={90}
                  min={1}
                  max={1000}
                  value={v.stages[stage].batchSize}
                  disabled={ro}
                  onChange={(n) => setStage(stage, { batchSize: num(n) ?? 1 })}
                  aria-label={`${automationStageLabels[stage]} batch size`}
                  data-testid={`automation-batch-${stage}`}
                />
              </Table.Td>
              <Table.Td>
                {stage === 'ideas' ? (
                  <NumberInput
                    size="xs"
                    w={120}
                    min={1}
                    max={10}
                    suffix=" per cluster"
                    value={v.stages.ideas.perCluster}
                    disabled={ro}
                    onChange={(n) => setStage('ideas', { perCluster: num(n) ?? 1 })}
                  />
                ) : null}
                {stage === 'content' ? (
                  <NumberInput
                    size="xs"
                    w={150}
                    min={0}
                    max={10}
                    suffix=" internal links"
                    value={v.stages.content.internalLinks ?? 3}
                    disabled={ro}
                    onChange={(n) => setStage('content', { internalLinks: num(n) ?? 0 })}
                    aria-label="Internal links inserted into each new article"
                  />
                ) : null}
                {stage === 'publish' ? (
                  <Select
                    size="xs"
                    w={200}
                    value={v.stages.publish.mode}
                    disabled={ro}
                    onChange={(m) =>
                      m && setStage('publish', { mode: m as AutomationConfigBody['stages']['publish']['mode'] })
                    }
                    data={[
                      { value: 'draft', label: 'Send to review' },
                      { value: 'immediate', label: 'Publish now' },
                      { value: 'schedule', label: 'By the publishing schedule' },
                    ]}
                  />
                ) : null}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>

      <Title order={5}>Limits and pauses</Title>
      <Group grow align="flex-start">
        <NumberInput
          label="Credits per run at most"
          description="Empty: no limit"
          min={1}
          value={v.limits.maxCreditsPerRun ?? ''}
          disabled={ro}
          onChange={(n) => set({ limits: { ...v.limits, maxCreditsPerRun: num(n) } })}
          data-testid="automation-max-credits"
        />
        <NumberInput
          label="Articles per run at most"
          description="Empty: no limit"
          min={1}
          value={v.limits.maxArticlesPerRun ?? ''}
          disabled={ro}
          onChange={(n) => set({ limits: { ...v.limits, maxArticlesPerRun: num(n) } })}
        />
      </Group>
      <Group grow align="flex-start">
        <NumberInput
          label="Pause between items (s)"
          description="Items then go one at a time"
          min={0}
          max={3600}
          value={v.delays.withinStageSeconds}
          disabled={ro}
          onChange={(n) => set({ delays: { ...v.delays, withinStageSeconds: num(n) ?? 0 } })}
          data-testid="automation-item-delay"
        />
        <NumberInput
          label="Pause between stages (s)"
          min={0}
          max={86400}
          value={v.delays.betweenStagesSeconds}
          disabled={ro}
          onChange={(n) => set({ delays: { ...v.delays, betweenStagesSeconds: num(n) ?? 0 } })}
        />
      </Group>

      {!check.success ? (
        <Text size="xs" c="red" data-testid="automation-config-error">
          {check.error.issues[0]?.path.join('.')}: {check.error.issues[0]?.message}
        </Text>
      ) : null}
      {props.canConfigure ? (
        <Group justify="flex-end">
          <Button
            onClick={() => save.mutate(v)}
            loading={save.isPending}
            disabled={!check.success}
            data-testid="automation-save"
          >
            Save settings
          </Button>
        </Group>
      ) : (
        <Text size="xs" c="dimmed">
          Admins change these settings.
        </Text>
      )}
    </Stack>
  );
}
