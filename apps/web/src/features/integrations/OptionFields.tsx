import { NativeSelect, SimpleGrid, Stack, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { defaultProviderLimits, type Capability } from '@igny8/contracts';
import {
  imageQualityOptions,
  imageSizeOptions,
  imageStyleOptions,
  outputModeOptions,
  type IntegrationDraft,
} from './draft';

const withDefault = (items: (string | { value: string; label: string })[]) => [
  { value: '', label: 'Default' },
  ...items.map((i) => (typeof i === 'string' ? { value: i, label: i } : i)),
];

const limitLabels = {
  concurrency: {
    label: 'Parallel requests per task',
    description: '1–32; lowered for a while after the provider answers 429',
  },
  requestsPerMinute: { label: 'Requests per minute', description: "The key's limit, shared by every worker" },
  tokensPerMinute: { label: 'Tokens per minute', description: '0 for no token limit' },
} as const;

/** Parallel requests and the key's rate limits; empty fields show (and use) the defaults. */
function LimitFields({ capability, form }: { capability: Capability; form: UseFormReturnType<IntegrationDraft> }) {
  const fields =
    capability === 'image'
      ? (['concurrency', 'requestsPerMinute'] as const)
      : (['concurrency', 'requestsPerMinute', 'tokensPerMinute'] as const);
  return (
    <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
      {fields.map((f) => (
        <TextInput
          key={f}
          inputMode="numeric"
          label={limitLabels[f].label}
          description={limitLabels[f].description}
          placeholder={`Default: ${defaultProviderLimits[capability][f].toLocaleString()}`}
          data-testid={`integration-option-${f}-${capability}`}
          {...form.getInputProps(f)}
        />
      ))}
    </SimpleGrid>
  );
}

/** Text: how JSON is asked for. Images: size, quality and style. Each: parallel requests and rate limits. */
export function OptionFields({
  capability,
  form,
}: {
  capability: Capability;
  form: UseFormReturnType<IntegrationDraft>;
}) {
  if (capability === 'embeddings') return <LimitFields capability={capability} form={form} />;
  if (capability === 'text') {
    return (
      <Stack gap="sm">
        <NativeSelect
          label="Output mode"
          description="Local servers often lack JSON-schema support; pick JSON mode or plain text for them. Test connection checks it."
          data={withDefault(outputModeOptions)}
          data-testid="integration-option-outputMode-text"
          {...form.getInputProps('outputMode')}
        />
        <LimitFields capability={capability} form={form} />
      </Stack>
    );
  }
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
        <NativeSelect
          label="Size"
          data={withDefault(imageSizeOptions)}
          data-testid="integration-option-size-image"
          {...form.getInputProps('size')}
        />
        <NativeSelect
          label="Quality"
          data={withDefault(imageQualityOptions)}
          data-testid="integration-option-quality-image"
          {...form.getInputProps('quality')}
        />
        <NativeSelect
          label="Style"
          data={withDefault(imageStyleOptions)}
          data-testid="integration-option-style-image"
          {...form.getInputProps('style')}
        />
      </SimpleGrid>
      <LimitFields capability={capability} form={form} />
    </Stack>
  );
}
