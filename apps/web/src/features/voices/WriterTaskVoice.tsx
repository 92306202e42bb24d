import { Select } from '@mantine/core';
import type { WriterTask } from '@igny8/contracts';
import { useBrandVoices, useSetWriterTaskVoice } from '../../api/queries/writing';
import { useSite } from '../sites/context';

/** The voice a writer task is written in: the site's default unless one is picked here. */
export function WriterTaskVoice({ writerTask }: { writerTask: WriterTask }) {
  const { accountId, siteId, site, canEdit } = useSite();
  const voices = useBrandVoices(accountId);
  const setVoice = useSetWriterTaskVoice(accountId, siteId);
  const items = voices.data?.items ?? [];
  if (!items.length) return null;
  const siteVoice = items.find((v) => v.id === site.brandVoiceId)?.name ?? 'neutral';
  return (
    <Select
      size="xs"
      mt={4}
      maw={260}
      data={[
        { value: '', label: `Site’s voice (${siteVoice})` },
        ...items.map((v) => ({ value: v.id, label: v.name })),
      ]}
      value={writerTask.brandVoiceId ?? ''}
      allowDeselect={false}
      disabled={!canEdit}
      aria-label={`Voice of “${writerTask.title}”`}
      data-testid={`writer-voice-${writerTask.id}`}
      onChange={(v) => setVoice.mutate({ writerTaskId: writerTask.id, brandVoiceId: v || null })}
    />
  );
}
