import { Group, Stack, Text, TextInput, Textarea } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { CharCounter } from './CharCounter';
import type { ContentDraft } from './draft';
import { META_DESCRIPTION_LIMIT, META_TITLE_LIMIT } from './metaCounter';

function LabelWithCount(props: { label: string; value: string; limit: number; testId: string }) {
  return (
    <Group justify="space-between" gap="xs" wrap="nowrap" w="100%">
      <Text component="span" size="sm" fw={500}>
        {props.label}
      </Text>
      <CharCounter value={props.value} limit={props.limit} testId={props.testId} />
    </Group>
  );
}

/** Slug and the search snippet fields, with live length counters (the status moves in the publishing box). */
export function MetaFields({ form, readOnly }: { form: UseFormReturnType<ContentDraft>; readOnly: boolean }) {
  const v = form.values;
  return (
    <Stack gap="sm">
      <TextInput
        label="Slug"
        description="The last part of the article's URL."
        leftSection={
          <Text size="sm" c="dimmed">
            /
          </Text>
        }
        readOnly={readOnly}
        data-testid="content-slug"
        {...form.getInputProps('slug')}
      />
      <TextInput
        label={
          <LabelWithCount label="Meta title" value={v.metaTitle} limit={META_TITLE_LIMIT} testId="meta-title-count" />
        }
        labelProps={{ w: '100%' }}
        description="Shown as the headline in search results."
        readOnly={readOnly}
        data-testid="meta-title-input"
        {...form.getInputProps('metaTitle')}
      />
      <Textarea
        label={
          <LabelWithCount
            label="Meta description"
            value={v.metaDescription}
            limit={META_DESCRIPTION_LIMIT}
            testId="meta-description-count"
          />
        }
        labelProps={{ w: '100%' }}
        description="The snippet under the headline in search results."
        autosize
        minRows={3}
        readOnly={readOnly}
        data-testid="meta-description-input"
        {...form.getInputProps('metaDescription')}
      />
      <Textarea
        label="Excerpt"
        description="A short summary for article lists and social cards."
        autosize
        minRows={2}
        maxRows={6}
        readOnly={readOnly}
        data-testid="content-excerpt"
        {...form.getInputProps('excerpt')}
      />
    </Stack>
  );
}
