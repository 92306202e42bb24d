import { useState } from 'react';
import { ActionIcon, Anchor, Badge, Group, Loader, Table, Text, Tooltip } from '@mantine/core';
import { IconArrowRight, IconMessageCog } from '@tabler/icons-react';
import { Link } from 'react-router';
import { roleAtLeast, type WriterTask } from '@igny8/contracts';
import { SelectTd } from '../../../components/table/SelectionCells';
import { ItemPromptModal } from '../../prompts/ItemPromptModal';
import { useSite } from '../../sites/context';
import { WriterTaskVoice } from '../../voices/WriterTaskVoice';
import { formatDate, formatDateTime } from '../../../lib/dates';
import { contentTypeLabel, writerTaskStatusMeta } from '../statusLabels';

export function WriterTaskRow(props: {
  writerTask: WriterTask;
  contentHref: string | null;
  selectable: boolean;
  selected: boolean;
  onToggle: () => void;
}) {
  const { writerTask: t } = props;
  const status = writerTaskStatusMeta[t.status];
  // Only while it is being written: a queued writer task waits for someone to generate it.
  const busy = t.status === 'generating';
  const { accountId, siteId, membership } = useSite();
  const [promptOpen, setPromptOpen] = useState(false);

  return (
    <Table.Tr
      data-testid={`writer-row-${t.id}`}
      data-status={t.status}
      bg={props.selected ? 'var(--mantine-primary-color-light)' : undefined}
    >
      {props.selectable ? (
        <SelectTd
          label={`Select “${t.title}”`}
          checked={props.selected}
          onChange={props.onToggle}
          testId={`writer-select-${t.id}`}
        />
      ) : null}
      <Table.Td>
        <Text size="sm" fw={500} lineClamp={2}>
          {t.title}
        </Text>
        {t.secondaryKeywords.length > 0 ? (
          <Text size="xs" c="dimmed" truncate="end" maw={420}>
            also: {t.secondaryKeywords.slice(0, 4).join(', ')}
          </Text>
        ) : null}
        <WriterTaskVoice writerTask={t} />
      </Table.Td>
      <Table.Td>
        <Text size="sm">{t.primaryKeyword}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" c="dimmed">
          {contentTypeLabel[t.contentType]}
        </Text>
      </Table.Td>
      <Table.Td ta="right">
        <Text size="sm" c="dimmed">
          {t.targetWordCount.toLocaleString()}
        </Text>
      </Table.Td>
      <Table.Td>
        <Group gap={6} wrap="nowrap">
          <Badge variant="light" color={status.color} data-testid={`writer-status-${t.id}`}>
            {status.label}
          </Badge>
          {busy ? <Loader size={12} /> : null}
        </Group>
        {t.status === 'failed' && t.error ? (
          <Tooltip label={t.error} multiline w={320} withArrow>
            <Text size="xs" c="red" lineClamp={3} mt={4} maw={220} data-testid={`writer-error-${t.id}`}>
              {t.error}
            </Text>
          </Tooltip>
        ) : null}
      </Table.Td>
      <Table.Td>
        <Text size="sm" c="dimmed" title={formatDateTime(t.createdAt)}>
          {formatDate(t.createdAt)}
        </Text>
      </Table.Td>
      <Table.Td ta="right">
        <Group gap={8} wrap="nowrap" justify="flex-end">
          {props.contentHref ? (
            <Anchor
              component={Link}
              to={props.contentHref}
              size="sm"
              style={{ whiteSpace: 'nowrap' }}
              data-testid={`writer-content-link-${t.id}`}
            >
              <Group gap={4} wrap="nowrap" justify="flex-end">
                Open article <IconArrowRight size={14} />
              </Group>
            </Anchor>
          ) : null}
          <Tooltip label="This article’s own prompt" withArrow>
            <ActionIcon
              variant="subtle"
              color="gray"
              size="sm"
              onClick={() => setPromptOpen(true)}
              aria-label={`Prompt of “${t.title}”`}
              data-testid={`writer-prompt-${t.id}`}
            >
              <IconMessageCog size={16} />
            </ActionIcon>
          </Tooltip>
        </Group>
        {promptOpen ? (
          <ItemPromptModal
            accountId={accountId}
            siteId={siteId}
            item={{ kind: 'writer/tasks', id: t.id }}
            title={t.title}
            canEdit={roleAtLeast(membership.role, 'admin')}
            onClose={() => setPromptOpen(false)}
          />
        ) : null}
      </Table.Td>
    </Table.Tr>
  );
}
