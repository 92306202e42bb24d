import { Accordion, Badge, Code, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import type { TaskRun } from '@igny8/contracts';
import { providerLabel, sourceMeta } from '../integrations/labels';
import { formatDuration } from './labels';

type Usage = { calls?: number; inputTokens?: number; outputTokens?: number; images?: number; latencyMs?: number };
type ProviderInfo = Record<string, { provider?: string; model?: string }>;

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={600}>
        {value}
      </Text>
    </div>
  );
}

/**
 * Which AI settings the task used (DESIGN §5: `provider_source` makes "using platform key"
 * visible), what it spent, and the raw debug record.
 */
export function TaskDebug({ run }: { run: TaskRun }) {
  const sources = asRecord(run.debugInfo.provider_source);
  const providers = asRecord(run.debugInfo.provider) as ProviderInfo;
  const usage = asRecord(run.debugInfo.usage) as Usage;
  const n = (v: number | undefined) => (v ?? 0).toLocaleString('en-US');

  return (
    <Stack gap="md" data-testid="task-detail-debug">
      {Object.keys(sources).length > 0 ? (
        <Stack gap={6}>
          {Object.entries(sources).map(([capability, source]) => {
            const meta = sourceMeta[source as keyof typeof sourceMeta];
            const p = providers[capability];
            return (
              <Group key={capability} gap="xs" wrap="wrap" data-testid={`task-detail-source-${capability}`}>
                <Text size="sm" fw={500} tt="capitalize" w={56}>
                  {capability}
                </Text>
                <Badge variant="light" color={meta?.color ?? 'gray'}>
                  {meta?.label ?? String(source)}
                </Badge>
                {p ? (
                  <Text size="xs" c="dimmed">
                    {providerLabel(p.provider ?? '')} · {p.model}
                  </Text>
                ) : null}
              </Group>
            );
          })}
        </Stack>
      ) : (
        <Text size="sm" c="dimmed">
          No AI call was made.
        </Text>
      )}

      {usage.calls ? (
        <SimpleGrid cols={{ base: 2, xs: 3 }} spacing="sm" data-testid="task-detail-usage">
          <Stat label="AI calls" value={n(usage.calls)} />
          <Stat label="Input tokens" value={n(usage.inputTokens)} />
          <Stat label="Output tokens" value={n(usage.outputTokens)} />
          <Stat label="Images" value={n(usage.images)} />
          <Stat label="Time in AI calls" value={formatDuration(usage.latencyMs ?? 0)} />
        </SimpleGrid>
      ) : null}

      <Accordion variant="contained" radius="md" chevronPosition="right">
        <Accordion.Item value="raw">
          <Accordion.Control>
            <Text size="sm">Raw debug info</Text>
          </Accordion.Control>
          <Accordion.Panel>
            <Code block fz="xs" data-testid="task-detail-debug-json">
              {JSON.stringify({ id: run.id, kind: run.kind, debugInfo: run.debugInfo }, null, 2)}
            </Code>
          </Accordion.Panel>
        </Accordion.Item>
      </Accordion>
    </Stack>
  );
}
