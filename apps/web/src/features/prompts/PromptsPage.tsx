import { useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Code,
  Grid,
  Group,
  NavLink,
  Paper,
  Select,
  Stack,
  Text,
  Textarea,
  Tooltip,
} from '@mantine/core';
import { IconArrowBackUp, IconDeviceFloppy, IconEye, IconHistory, IconMessageCog } from '@tabler/icons-react';
import { roleAtLeast, type PromptFunction, type PromptText, type PromptView } from '@igny8/contracts';
import {
  useBrandVoices,
  usePreviewPrompt,
  usePromptVersions,
  usePrompts,
  useSavePrompt,
} from '../../api/queries/writing';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { notifySuccess } from '../../lib/notify';
import { useCurrentAccount } from '../account/context';
import { FormError } from '../auth/FormError';

/** The prompt library: each AI function's prompt, the account's override, a preview and the history. */
export function PromptsPage() {
  const { accountId, membership } = useCurrentAccount();
  const prompts = usePrompts(accountId);
  const [selected, setSelected] = useState<PromptFunction>('article');
  const canEdit = roleAtLeast(membership.role, 'admin');
  const current = prompts.data?.items.find((p) => p.function === selected);
  return (
    <Stack gap={0}>
      <PageHeader
        title="Prompts"
        description="What igny8 asks the AI for at each step. Change the wording for this account; an idea or a writer task may have its own. Variables in braces are filled in for each item."
      />
      {prompts.isError ? <QueryError error={prompts.error} onRetry={() => void prompts.refetch()} /> : null}
      {!canEdit ? (
        <Alert variant="light" mb="md" data-testid="prompts-read-only">
          Only admins change prompts; you can read them and preview them.
        </Alert>
      ) : null}
      <Grid gutter="lg">
        <Grid.Col span={{ base: 12, md: 3 }}>
          <Paper withBorder radius="md" p={4}>
            {prompts.data?.items.map((p) => (
              <NavLink
                key={p.function}
                label={p.label}
                active={p.function === selected}
                onClick={() => setSelected(p.function)}
                data-testid={`prompt-nav-${p.function}`}
                rightSection={
                  p.source === 'account' ? (
                    <Badge size="xs" variant="light">
                      Custom
                    </Badge>
                  ) : null
                }
                style={{ borderRadius: 'var(--mantine-radius-sm)' }}
              />
            ))}
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 9 }}>
          {current ? (
            // Keyed by the prompt in force: after a save or a reset the editor starts from it.
            <PromptEditor
              key={`${current.function}|${current.effective.system}|${current.effective.prompt}`}
              view={current}
              canEdit={canEdit}
              accountId={accountId}
            />
          ) : null}
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

function PromptEditor({ view, canEdit, accountId }: { view: PromptView; canEdit: boolean; accountId: string }) {
  const [text, setText] = useState<PromptText>(view.effective);
  const save = useSavePrompt(accountId);
  const preview = usePreviewPrompt(accountId);
  const versions = usePromptVersions(accountId, view.function);
  const voices = useBrandVoices(accountId);
  const [voiceId, setVoiceId] = useState<string | null>(null);
  const dirty = text.system !== view.effective.system || text.prompt !== view.effective.prompt;
  const usesVoice = view.variables.some((v) => v.name === 'brand_voice');

  const onSave = (next: PromptText | null) =>
    save.mutate(
      { fn: view.function, text: next },
      {
        onSuccess: () => {
          notifySuccess(
            next ? 'The new prompt is used from the next task on.' : 'The default prompt is back in use.',
            next ? 'Prompt saved' : 'Prompt reset',
          );
          void versions.refetch();
        },
      },
    );

  return (
    <Stack gap="md">
      <Paper withBorder radius="md" p="md">
        <Stack gap="sm">
          <Group justify="space-between">
            <div>
              <Text fw={600}>{view.label}</Text>
              <Text size="sm" c="dimmed">
                {view.description}
              </Text>
            </div>
            <Badge variant="light" color={view.source === 'account' ? 'indigo' : 'gray'} data-testid="prompt-source">
              {view.source === 'account' ? 'Customised' : 'Default'}
            </Badge>
          </Group>
          <Group gap={6}>
            <Text size="xs" c="dimmed">
              Variables:
            </Text>
            {view.variables.map((v) => (
              <Tooltip key={v.name} label={v.description} withArrow>
                <Code>{`{${v.name}}`}</Code>
              </Tooltip>
            ))}
          </Group>
          <Textarea
            label="System"
            autosize
            minRows={3}
            readOnly={!canEdit}
            ff="monospace"
            value={text.system}
            onChange={(e) => setText({ ...text, system: e.currentTarget.value })}
            data-testid="prompt-system"
          />
          <Textarea
            label="Prompt"
            autosize
            minRows={5}
            readOnly={!canEdit}
            ff="monospace"
            value={text.prompt}
            onChange={(e) => setText({ ...text, prompt: e.currentTarget.value })}
            data-testid="prompt-text"
          />
          <FormError error={save.error ?? preview.error} />
          <Group justify="space-between">
            <Group gap="xs">
              <Button
                variant="default"
                leftSection={<IconEye size={16} />}
                onClick={() =>
                  preview.mutate({ fn: view.function, text, ...(voiceId ? { brandVoiceId: voiceId } : {}) })
                }
                loading={preview.isPending}
                data-testid="prompt-preview"
              >
                Preview
              </Button>
              {usesVoice ? (
                <Select
                  size="sm"
                  placeholder="Sample voice"
                  clearable
                  data={(voices.data?.items ?? []).map((v) => ({ value: v.id, label: v.name }))}
                  value={voiceId}
                  onChange={setVoiceId}
                  w={200}
                  aria-label="Voice for the preview"
                />
              ) : null}
            </Group>
            {canEdit ? (
              <Group gap="xs">
                {view.override ? (
                  <Button
                    variant="subtle"
                    color="gray"
                    leftSection={<IconArrowBackUp size={16} />}
                    onClick={() => onSave(null)}
                    loading={save.isPending && save.variables?.text === null}
                    data-testid="prompt-reset"
                  >
                    Reset to default
                  </Button>
                ) : null}
                <Button
                  leftSection={<IconDeviceFloppy size={16} />}
                  disabled={!dirty}
                  onClick={() => onSave(text)}
                  loading={save.isPending && save.variables?.text !== null}
                  data-testid="prompt-save"
                >
                  Save
                </Button>
              </Group>
            ) : null}
          </Group>
        </Stack>
      </Paper>
      {preview.data ? (
        <Paper withBorder radius="md" p="md" data-testid="prompt-preview-result">
          <Text fw={600} mb="xs">
            Preview on sample data
          </Text>
          <Text size="xs" c="dimmed">
            System
          </Text>
          <Code block mb="sm">
            {preview.data.system}
          </Code>
          <Text size="xs" c="dimmed">
            Prompt
          </Text>
          <Code block>{preview.data.prompt}</Code>
        </Paper>
      ) : null}
      <Paper withBorder radius="md" p="md">
        <Group gap="xs" mb="xs">
          <IconHistory size={16} />
          <Text fw={600}>History</Text>
        </Group>
        {versions.data?.items.length ? (
          <Stack gap={6} data-testid="prompt-history">
            {versions.data.items.map((v) => (
              <Group key={v.id} justify="space-between" wrap="nowrap">
                <Text size="sm">
                  Version {v.version} · {new Date(v.createdAt).toLocaleString()} ·{' '}
                  {v.prompt === null
                    ? 'reset to default'
                    : `${v.prompt.slice(0, 80)}${v.prompt.length > 80 ? '…' : ''}`}
                </Text>
                {canEdit && v.system !== null && v.prompt !== null ? (
                  <Button size="xs" variant="subtle" onClick={() => setText({ system: v.system!, prompt: v.prompt! })}>
                    Load
                  </Button>
                ) : null}
              </Group>
            ))}
          </Stack>
        ) : (
          <Group gap="xs" c="dimmed">
            <IconMessageCog size={16} />
            <Text size="sm" c="dimmed">
              Never changed: the default is in use.
            </Text>
          </Group>
        )}
      </Paper>
    </Stack>
  );
}
