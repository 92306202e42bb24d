import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Grid, Group, Paper, Stack, Tabs, Text, TextInput, Tooltip } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { IconArrowLeft, IconDeviceFloppy, IconEye, IconPencil, IconRobotOff } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { Content } from '@igny8/contracts';
import { PageHeader } from '../../../components/PageHeader';
import { siteHomePath } from '../../sites/sitePaths';
import { ExportMenu } from '../content/ExportMenu';
import { contentStatusMeta, sourceMeta } from '../statusLabels';
import { ArticleEditor, useArticleEditor } from './ArticleEditor';
import { ArticlePreview } from './ArticlePreview';
import { PublishPanel } from '../../publishing/PublishPanel';
import { InternalLinksPanel } from '../../links/InternalLinksPanel';
import { MetaFields } from './MetaFields';
import { SeoChecklist } from './SeoChecklist';
import { ScorePanel } from '../score/ScorePanel';
import { LengthBadge } from '../score/ScoreBadge';
import { UnsavedChangesGuard } from './UnsavedChangesGuard';
import { useContentDraft } from './useContentDraft';
import { formatDateTime } from '../../../lib/dates';

export function ContentEditorForm(props: { accountId: string; siteId: string; content: Content; canEdit: boolean }) {
  const { accountId, siteId, content, canEdit } = props;
  const draft = useContentDraft(accountId, siteId, content);
  const { form } = draft;
  const [tab, setTab] = useState<string | null>('edit');
  const editor = useArticleEditor({
    html: content.bodyHtml,
    editable: canEdit,
    onCreate: draft.adoptEditorBody,
    onChange: (html) => form.setFieldValue('bodyHtml', html),
  });
  useHotkeys([['mod+S', () => canEdit && draft.save()]], [], true);

  const status = contentStatusMeta[content.status];
  const source = sourceMeta[content.source];

  return (
    <Stack gap={0}>
      {/* On a phone the actions go under "All content", right-aligned, rather than past the screen's edge. */}
      <Group justify="space-between" mb="xs" gap="xs">
        <Anchor component={Link} to={siteHomePath(accountId, siteId, 'content')} size="sm" c="dimmed">
          <Group gap={4}>
            <IconArrowLeft size={14} /> All content
          </Group>
        </Anchor>
        <Group gap="sm" ml="auto">
          {canEdit ? (
            <Text size="sm" c={draft.dirty ? 'orange' : 'dimmed'} data-testid="content-dirty">
              {draft.dirty ? 'Unsaved changes' : 'All changes saved'}
            </Text>
          ) : null}
          <ExportMenu accountId={accountId} siteId={siteId} ids={[content.id]} unsaved={draft.dirty} />
          {canEdit ? (
            <Button
              leftSection={<IconDeviceFloppy size={16} />}
              onClick={draft.save}
              loading={draft.saving}
              disabled={!draft.dirty}
              data-testid="content-save"
            >
              Save
            </Button>
          ) : null}
        </Group>
      </Group>
      <PageHeader
        title={form.values.title.trim() || 'Untitled article'}
        description={
          <Group gap="xs" component="span">
            <Badge component="span" variant="light" color={status.color} size="sm">
              {status.label}
            </Badge>
            <Tooltip label={source.hint} withArrow>
              <Badge component="span" variant="outline" color={source.color} size="sm">
                {source.label}
              </Badge>
            </Tooltip>
            {content.brandVoice ? (
              <Tooltip label="The brand voice it was written in" withArrow>
                <Badge component="span" variant="light" color="grape" size="sm" data-testid="content-voice">
                  Voice: {content.brandVoice.name}
                </Badge>
              </Tooltip>
            ) : null}
            <LengthBadge content={content} />
            <span>
              {content.wordCount.toLocaleString()} words
              {content.targetWordCount ? ` of ${content.targetWordCount.toLocaleString()}` : ''} · updated{' '}
              {formatDateTime(content.updatedAt)}
            </span>
          </Group>
        }
      />

      {content.lengthStatus && content.lengthStatus !== 'ok' && content.lengthNote ? (
        <Alert
          variant="light"
          color="orange"
          mb="md"
          data-testid="content-length-note"
          title={content.lengthStatus === 'short' ? 'Shorter than its target' : 'Longer than its target'}
        >
          {content.lengthNote}
        </Alert>
      ) : null}

      {content.source === 'template' ? (
        <Alert
          variant="light"
          color="orange"
          icon={<IconRobotOff size={18} />}
          mb="md"
          data-testid="content-template-hint"
        >
          Draft written offline: no AI provider was configured, so this article was drafted from a template.
          {canEdit ? (
            <>
              {' '}
              Rewrite it here, or set up a text provider on the{' '}
              <Anchor
                component={Link}
                to={`/a/${accountId}/integrations`}
                inherit
                data-testid="content-template-providers"
              >
                AI providers
              </Anchor>{' '}
              page (admins and owners) and generate it again from the Writer page.
            </>
          ) : null}
        </Alert>
      ) : null}

      <Grid gutter="lg">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="sm">
            <TextInput
              label="Title"
              size="md"
              readOnly={!canEdit}
              data-testid="content-title"
              {...form.getInputProps('title')}
            />
            <Tabs value={tab} onChange={setTab} keepMounted>
              <Tabs.List mb="sm">
                <Tabs.Tab value="edit" leftSection={<IconPencil size={14} />} data-testid="content-edit-tab">
                  {canEdit ? 'Edit' : 'Article'}
                </Tabs.Tab>
                <Tabs.Tab value="preview" leftSection={<IconEye size={14} />} data-testid="content-preview-tab">
                  Preview
                </Tabs.Tab>
              </Tabs.List>
              <Tabs.Panel value="edit">
                {editor ? <ArticleEditor editor={editor} editable={canEdit} /> : null}
              </Tabs.Panel>
              <Tabs.Panel value="preview">
                {tab === 'preview' ? (
                  <ArticlePreview
                    accountId={accountId}
                    siteId={siteId}
                    contentId={content.id}
                    title={form.values.title}
                    bodyHtml={form.values.bodyHtml}
                  />
                ) : null}
              </Tabs.Panel>
            </Tabs>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack gap="md">
            <Paper withBorder radius="md" p="md">
              <PublishPanel content={content} dirty={draft.dirty} />
            </Paper>
            <Paper withBorder radius="md" p="md">
              <MetaFields form={form} readOnly={!canEdit} />
            </Paper>
            <Paper withBorder radius="md" p="md">
              <ScorePanel content={content} values={form.values} />
            </Paper>
            <Paper withBorder radius="md" p="md">
              <SeoChecklist content={content} unsaved={draft.dirty} />
            </Paper>
            <Paper withBorder radius="md" p="md">
              <InternalLinksPanel
                accountId={accountId}
                siteId={siteId}
                contentId={content.id}
                canEdit={canEdit}
                dirty={draft.dirty}
                onBodyChanged={(html) => {
                  // The server put the link in: the editor takes that body as the saved state.
                  editor?.commands.setContent(html, { emitUpdate: false });
                  if (editor) draft.adoptEditorBody(editor.getHTML());
                }}
              />
            </Paper>
          </Stack>
        </Grid.Col>
      </Grid>

      {canEdit ? <UnsavedChangesGuard dirty={draft.dirty} /> : null}
    </Stack>
  );
}
