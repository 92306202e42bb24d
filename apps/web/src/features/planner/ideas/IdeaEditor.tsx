import { useState } from 'react';
import {
  Alert,
  Button,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { contentTypes, ideaStatuses, type Idea } from '@igny8/contracts';
import { useUpdateIdea } from '../../../api/queries/ideas';
import { notifySuccess } from '../../../lib/notify';
import { useSite } from '../../sites/context';
import { contentTypeLabel, ideaStatusMeta } from './labels';
import { outlineProblems, toOutline, toRows, type OutlineRow } from './outline';
import { OutlineEditor } from './OutlineEditor';

type Draft = Omit<Idea, 'id' | 'siteId' | 'clusterId' | 'clusterName' | 'source' | 'createdAt' | 'outline'> & {
  outline: OutlineRow[];
};

function draftOf(idea: Idea): Draft {
  const { id: _i, siteId: _s, clusterId: _c, clusterName: _n, source: _src, createdAt: _at, outline, ...rest } = idea;
  return { ...rest, outline: toRows(outline) };
}

function problemsOf(d: Draft): string[] {
  const problems: string[] = [];
  if (!d.title.trim()) problems.push('The title is required.');
  if (!d.primaryKeyword.trim()) problems.push('The primary keyword is required.');
  if (!Number.isInteger(d.targetWordCount) || d.targetWordCount < 200 || d.targetWordCount > 10_000)
    problems.push('Target words must be between 200 and 10,000.');
  if (d.secondaryKeywords.length > 30) problems.push('At most 30 secondary keywords.');
  return [...problems, ...outlineProblems(d.outline)];
}

/** Edits every field of an idea; mount with `key={idea.id}` so it starts from the idea. */
export function IdeaEditor(props: { idea: Idea; onDelete: () => void }) {
  const { accountId, siteId } = useSite();
  const update = useUpdateIdea(accountId, siteId);
  const [d, setD] = useState<Draft>(() => draftOf(props.idea));
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setD((prev) => ({ ...prev, [key]: value }));
  const problems = problemsOf(d);

  const save = () =>
    update.mutate(
      {
        ideaId: props.idea.id,
        ...d,
        title: d.title.trim(),
        summary: d.summary.trim(),
        primaryKeyword: d.primaryKeyword.trim(),
        outline: toOutline(d.outline),
      },
      { onSuccess: (idea) => notifySuccess(`“${idea.title}” was saved.`) },
    );

  return (
    <Stack gap="md">
      <TextInput
        label="Title"
        value={d.title}
        maxLength={200}
        onChange={(e) => set('title', e.currentTarget.value)}
        data-testid="idea-title"
      />
      <Textarea
        label="Summary"
        autosize
        minRows={2}
        maxRows={6}
        maxLength={2000}
        value={d.summary}
        onChange={(e) => set('summary', e.currentTarget.value)}
        data-testid="idea-summary"
      />
      <SimpleGrid cols={3} spacing="sm">
        <Select
          label="Content type"
          data={contentTypes.map((t) => ({ value: t, label: contentTypeLabel[t] }))}
          value={d.contentType}
          allowDeselect={false}
          onChange={(v) => v && set('contentType', v as Draft['contentType'])}
          data-testid="idea-type"
        />
        <NumberInput
          label="Target words"
          min={200}
          max={10_000}
          step={100}
          allowDecimal={false}
          thousandSeparator=","
          value={d.targetWordCount}
          onChange={(v) => set('targetWordCount', Number(v) || 0)}
          data-testid="idea-words"
        />
        <Select
          label="Status"
          data={ideaStatuses.map((s) => ({ value: s, label: ideaStatusMeta[s].label }))}
          value={d.status}
          allowDeselect={false}
          onChange={(v) => v && set('status', v as Draft['status'])}
          data-testid="idea-status"
        />
      </SimpleGrid>
      <TextInput
        label="Primary keyword"
        value={d.primaryKeyword}
        maxLength={300}
        onChange={(e) => set('primaryKeyword', e.currentTarget.value)}
        data-testid="idea-primary"
      />
      <TagsInput
        label="Secondary keywords"
        description="Press Enter after each keyword."
        value={d.secondaryKeywords}
        maxTags={30}
        onChange={(v) => set('secondaryKeywords', v)}
        clearable
        data-testid="idea-secondary"
      />
      <div>
        <Text size="sm" fw={500} mb={6}>
          Outline
        </Text>
        <OutlineEditor rows={d.outline} onChange={(rows) => set('outline', rows)} />
      </div>
      {problems.length > 0 ? (
        <Alert color="yellow" variant="light" data-testid="idea-problems">
          {problems.map((p) => (
            <Text key={p} size="sm">
              {p}
            </Text>
          ))}
        </Alert>
      ) : null}
      <Group justify="space-between">
        <Button variant="subtle" color="red" onClick={props.onDelete} data-testid="idea-delete">
          Delete idea
        </Button>
        <Group gap="xs">
          <Button variant="default" onClick={() => setD(draftOf(props.idea))}>
            Reset
          </Button>
          <Button disabled={problems.length > 0} loading={update.isPending} onClick={save} data-testid="idea-save">
            Save
          </Button>
        </Group>
      </Group>
    </Stack>
  );
}
