import { Badge, Divider, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { EffectiveIntegration } from '@igny8/contracts';
import { isPlatformTarget, type IntegrationsTarget } from '../../api/queries/integrations';
import { IntegrationForm } from './IntegrationForm';
import { capabilityMeta, providerLabel, sourceMeta } from './labels';

function Field({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div style={{ minWidth: 0 }}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="sm" fw={500} truncate="end" title={value} data-testid={testId}>
        {value}
      </Text>
    </div>
  );
}

function optionsText(item: EffectiveIntegration): string {
  const o = item.options;
  const parts =
    item.capability === 'text'
      ? [o.outputMode ? `output: ${o.outputMode}` : null]
      : item.capability === 'image'
        ? [o.size, o.quality ? `quality: ${o.quality}` : null, o.style]
        : [];
  if (o.timeoutSeconds) parts.push(`timeout: ${o.timeoutSeconds} s`);
  const set = parts.filter(Boolean);
  return set.length ? set.join(' · ') : 'Defaults';
}

/** One capability: the settings in effect, where they come from, and (for editors) the editor. */
export function IntegrationCard(props: { target: IntegrationsTarget; item: EffectiveIntegration; canEdit: boolean }) {
  const { item } = props;
  const cap = item.capability;
  // Embeddings are optional: offline there are none, and clustering reads the words alone.
  const source =
    cap === 'embeddings' && item.source === 'builtin'
      ? {
          ...sourceMeta.builtin,
          label: 'Not configured (words only)',
          description: 'No embeddings provider: auto-cluster groups keywords by their words alone.',
        }
      : sourceMeta[item.source];
  const formKey = [
    item.provider,
    item.baseUrl,
    item.model,
    item.apiKeyMask,
    item.hasOwnSettings,
    JSON.stringify(item.options),
  ].join('|');

  return (
    <Paper withBorder radius="md" p="lg" data-testid={`integration-card-${cap}`} data-source={item.source}>
      <Stack gap="md">
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
          <div>
            <Title order={4}>{capabilityMeta[cap].title}</Title>
            <Text size="sm" c="dimmed">
              {capabilityMeta[cap].description}
            </Text>
          </div>
          <Badge size="lg" variant="light" color={source.color} data-testid={`integration-source-${cap}`}>
            {source.label}
          </Badge>
        </Group>

        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="md" data-testid={`integration-effective-${cap}`}>
          <Field label="Provider" value={providerLabel(item.provider)} />
          {/* The platform's model and address are its operators' to know: the API sends null to everyone else. */}
          <Field
            label="Model"
            value={item.model ?? 'Chosen by the platform'}
            testId={`integration-effective-model-${cap}`}
          />
          <Field
            label="Base URL"
            value={
              item.model === null
                ? 'Managed by the platform'
                : (item.baseUrl ?? (item.provider === 'openai' ? 'api.openai.com' : '—'))
            }
            testId={`integration-effective-url-${cap}`}
          />
          <Field label={item.capability === 'image' ? 'Image options' : 'Options'} value={optionsText(item)} />
        </SimpleGrid>
        <Text size="xs" c="dimmed">
          {item.source === 'system' && isPlatformTarget(props.target)
            ? 'These are the platform’s settings: every account without its own key uses them.'
            : source.description}
          {item.apiKeyMask ? ` Stored key: ${item.apiKeyMask}.` : ''}
        </Text>

        {props.canEdit ? (
          <>
            <Divider
              label={
                item.hasOwnSettings
                  ? 'Edit settings'
                  : isPlatformTarget(props.target)
                    ? 'Set platform settings'
                    : 'Set your own settings'
              }
              labelPosition="left"
            />
            <IntegrationForm key={formKey} target={props.target} item={item} />
          </>
        ) : null}
      </Stack>
    </Paper>
  );
}
