import { useState } from 'react';
import {
  Box,
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { IconMicrophone, IconPlus, IconSparkles } from '@tabler/icons-react';
import { roleAtLeast, type BrandVoice, type BrandVoiceBody } from '@igny8/contracts';
import { useSites } from '../../api/queries/sites';
import {
  useBrandVoices,
  useDeleteBrandVoice,
  useLearnBrandVoice,
  useSaveBrandVoice,
  useSetSiteVoice,
} from '../../api/queries/writing';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { CreditNote } from '../billing/CreditNote';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { useCurrentAccount } from '../account/context';
import { FormError } from '../auth/FormError';
import { useStartedTask } from '../tasks/useStartedTask';

const lines = (s: string) =>
  s
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
/** What "Learn from samples" holds: one style guide, whichever voice. */
const LEARN = { kind: 'brand_voices.learn' } as const;
const SAMPLE_BREAK = /\n\s*---\s*\n/;

/** Brand voices (author profiles): how articles sound, chosen per site and per writer task. */
export function BrandVoicesPage() {
  const { accountId, membership } = useCurrentAccount();
  const canEdit = roleAtLeast(membership.role, 'admin');
  const voices = useBrandVoices(accountId);
  const learn = useLearnBrandVoice(accountId);
  const started = useStartedTask(accountId);
  const remove = useDeleteBrandVoice(accountId);
  const [editing, setEditing] = useState<BrandVoice | 'new' | null>(null);
  const [deleting, setDeleting] = useState<BrandVoice | null>(null);
  return (
    <Stack gap={0}>
      <PageHeader
        title="Brand voices"
        description="Who is writing: tone, audience, point of view, do and don’t lists, banned words and samples. Every writing prompt gets the voice of its site (or its writer task)."
        actions={
          canEdit ? (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')} data-testid="voice-create">
              New voice
            </Button>
          ) : null
        }
      />
      {voices.isError ? <QueryError error={voices.error} onRetry={() => void voices.refetch()} /> : null}
      {voices.data && voices.data.items.length === 0 ? (
        <Paper withBorder radius="md">
          <EmptyState
            icon={IconMicrophone}
            title="No brand voice yet"
            description="Articles are written in a neutral expert voice until you add one."
          />
        </Paper>
      ) : null}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        {voices.data?.items.map((v) => (
          <Paper key={v.id} withBorder radius="md" p="md" data-testid="voice-card">
            <Group justify="space-between" mb="xs">
              <Text fw={600}>{v.name}</Text>
              {v.styleGuide ? (
                <Badge variant="light" color={v.styleGuideSource === 'ai' ? 'indigo' : 'gray'}>
                  {v.styleGuideSource === 'ai' ? 'Style guide learned' : 'Style guide'}
                </Badge>
              ) : null}
            </Group>
            <Text size="sm">
              {[
                v.tone && `Tone: ${v.tone}`,
                v.audience && `Audience: ${v.audience}`,
                v.pointOfView && `Point of view: ${v.pointOfView}`,
              ]
                .filter(Boolean)
                .join(' · ') || 'No tone or audience yet'}
            </Text>
            {v.bannedWords.length ? (
              <Text size="xs" c="dimmed" mt={4}>
                Never: {v.bannedWords.join(', ')}
              </Text>
            ) : null}
            {v.styleGuide ? (
              <Text
                size="xs"
                c="dimmed"
                mt="xs"
                style={{ whiteSpace: 'pre-wrap' }}
                lineClamp={6}
                data-testid="voice-style-guide"
              >
                {v.styleGuide}
              </Text>
            ) : null}
            {canEdit ? (
              <Group gap="xs" mt="sm">
                <Button size="xs" variant="light" onClick={() => setEditing(v)}>
                  Edit
                </Button>
                <Button
                  size="xs"
                  variant="light"
                  leftSection={<IconSparkles size={14} />}
                  loading={learn.isPending && learn.variables === v.id}
                  onClick={() =>
                    learn.mutate(v.id, {
                      onSuccess: ({ taskId }) => started(taskId, `Learning the style of “${v.name}” from its samples`),
                    })
                  }
                  data-testid="voice-learn"
                >
                  Learn from samples
                </Button>
                <Button size="xs" variant="subtle" color="red" onClick={() => setDeleting(v)}>
                  Delete
                </Button>
              </Group>
            ) : null}
            {canEdit ? (
              <Box mt={6}>
                <CreditNote accountId={accountId} siteId={null} body={LEARN} label="Learn from samples" />
              </Box>
            ) : null}
          </Paper>
        ))}
      </SimpleGrid>
      <SiteVoices accountId={accountId} voices={voices.data?.items ?? []} canEdit={canEdit} />
      {editing ? (
        <VoiceModal accountId={accountId} voice={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      ) : null}
      <ConfirmDialog
        opened={deleting !== null}
        title="Delete this voice?"
        message={`Sites and writer tasks using “${deleting?.name ?? ''}” go back to the neutral voice.`}
        confirmLabel="Delete"
        danger
        loading={remove.isPending}
        onClose={() => setDeleting(null)}
        onConfirm={() => deleting && remove.mutate(deleting.id, { onSettled: () => setDeleting(null) })}
      />
    </Stack>
  );
}

function SiteVoices({ accountId, voices, canEdit }: { accountId: string; voices: BrandVoice[]; canEdit: boolean }) {
  const sites = useSites(accountId, { archived: false });
  const setVoice = useSetSiteVoice(accountId);
  const options = [{ value: '', label: 'Neutral (no voice)' }, ...voices.map((v) => ({ value: v.id, label: v.name }))];
  if (!sites.data?.items.length) return null;
  return (
    <Paper withBorder radius="md" mt="lg">
      <Text fw={600} p="md" pb={0}>
        Default voice of each site
      </Text>
      <Table verticalSpacing="xs" data-testid="site-voices">
        <Table.Tbody>
          {sites.data.items.map((s) => (
            <Table.Tr key={s.id}>
              <Table.Td>{s.name}</Table.Td>
              <Table.Td w={280}>
                <Select
                  size="sm"
                  data={options}
                  value={s.brandVoiceId ?? ''}
                  disabled={!canEdit}
                  allowDeselect={false}
                  aria-label={`Voice of ${s.name}`}
                  data-testid={`site-voice-${s.id}`}
                  onChange={(v) => setVoice.mutate({ siteId: s.id, brandVoiceId: v || null })}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

function VoiceModal({
  accountId,
  voice,
  onClose,
}: {
  accountId: string;
  voice: BrandVoice | null;
  onClose: () => void;
}) {
  const save = useSaveBrandVoice(accountId);
  const [f, setF] = useState({
    name: voice?.name ?? '',
    tone: voice?.tone ?? '',
    audience: voice?.audience ?? '',
    pointOfView: voice?.pointOfView ?? '',
    dos: voice?.dos.join('\n') ?? '',
    donts: voice?.donts.join('\n') ?? '',
    bannedWords: voice?.bannedWords.join(', ') ?? '',
    samples: voice?.samples.join('\n---\n') ?? '',
    styleGuide: voice?.styleGuide ?? '',
  });
  const field = (k: keyof typeof f) => ({
    value: f[k],
    onChange: (e: { currentTarget: { value: string } }) => setF({ ...f, [k]: e.currentTarget.value }),
  });
  const submit = () => {
    const body: BrandVoiceBody = {
      name: f.name,
      tone: f.tone,
      audience: f.audience,
      pointOfView: f.pointOfView,
      dos: lines(f.dos),
      donts: lines(f.donts),
      bannedWords: f.bannedWords
        .split(',')
        .map((w) => w.trim())
        .filter(Boolean),
      samples: f.samples
        .split(SAMPLE_BREAK)
        .map((s) => s.trim())
        .filter(Boolean),
      ...(voice && f.styleGuide !== (voice.styleGuide ?? '') ? { styleGuide: f.styleGuide.trim() || null } : {}),
    };
    save.mutate({ ...(voice ? { id: voice.id } : {}), body }, { onSuccess: onClose });
  };
  return (
    <Modal opened onClose={onClose} title={voice ? `Edit “${voice.name}”` : 'New brand voice'} size="lg" centered>
      <Stack gap="sm">
        <TextInput label="Name" required data-testid="voice-name" {...field('name')} />
        <TextInput
          label="Tone"
          placeholder="warm, practical, a little nerdy"
          data-testid="voice-tone"
          {...field('tone')}
        />
        <TextInput label="Audience" placeholder="home brewers upgrading from pods" {...field('audience')} />
        <TextInput label="Point of view" placeholder="first person plural (we)" {...field('pointOfView')} />
        <Group grow align="flex-start">
          <Textarea label="Do" description="one a line" autosize minRows={2} {...field('dos')} />
          <Textarea label="Don’t" description="one a line" autosize minRows={2} {...field('donts')} />
        </Group>
        <TextInput
          label="Banned words"
          description="comma-separated"
          data-testid="voice-banned"
          {...field('bannedWords')}
        />
        <Textarea
          label="Writing samples"
          description="paste a few paragraphs; separate samples with a line of ---"
          autosize
          minRows={3}
          maxRows={10}
          {...field('samples')}
        />
        {voice ? (
          <Textarea
            label="Style guide"
            description="learned from the samples, or your own"
            autosize
            minRows={2}
            maxRows={10}
            {...field('styleGuide')}
          />
        ) : null}
        <FormError error={save.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={submit} loading={save.isPending} disabled={!f.name.trim()} data-testid="voice-save">
            Save
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
