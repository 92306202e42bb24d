import { NativeSelect, SimpleGrid } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import type { Capability } from '@igny8/contracts';
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

/** Text: how JSON is asked for. Images: size, quality and style. */
export function OptionFields({ capability, form }: { capability: Capability; form: UseFormReturnType<IntegrationDraft> }) {
  if (capability === 'text') {
    return (
      <NativeSelect
        label="Output mode"
        description="Local servers often lack JSON-schema support; pick JSON mode or plain text for them."
        data={withDefault(outputModeOptions)}
        data-testid="integration-option-outputMode-text"
        {...form.getInputProps('outputMode')}
      />
    );
  }
  return (
    <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
      <NativeSelect label="Size" data={withDefault(imageSizeOptions)} data-testid="integration-option-size-image" {...form.getInputProps('size')} />
      <NativeSelect label="Quality" data={withDefault(imageQualityOptions)} data-testid="integration-option-quality-image" {...form.getInputProps('quality')} />
      <NativeSelect label="Style" data={withDefault(imageStyleOptions)} data-testid="integration-option-style-image" {...form.getInputProps('style')} />
    </SimpleGrid>
  );
}
