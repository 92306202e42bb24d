import { Anchor, Badge, Group, Table, Text, Tooltip } from '@mantine/core';
import { IconPhoto } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { ContentSummary } from '@igny8/contracts';
import { SelectTd } from '../../../components/table/SelectionCells';
import { contentStatusMeta, sourceMeta } from '../statusLabels';
import { ScoreBadge } from '../score/ScoreBadge';
import { formatDate, formatDateTime } from '../../../lib/dates';

export function ContentRow(props: { content: ContentSummary; href: string; selected: boolean; onToggle: () => void }) {
  const { content: c } = props;
  const status = contentStatusMeta[c.status];
  const source = sourceMeta[c.source];

  return (
    <Table.Tr
      data-testid={`content-row-${c.id}`}
      bg={props.selected ? 'var(--mantine-primary-color-light)' : undefined}
    >
      <SelectTd
        label={`Select “${c.title}”`}
        checked={props.selected}
        onChange={props.onToggle}
        testId={`content-select-${c.id}`}
      />
      <Table.Td>
        <Anchor component={Link} to={props.href} size="sm" fw={500} lineClamp={2} data-testid={`content-open-${c.id}`}>
          {c.title}
        </Anchor>
        <Text size="xs" c="dimmed" truncate="end" maw={420}>
          /{c.slug}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{c.primaryKeyword}</Text>
      </Table.Td>
      <Table.Td ta="right">
        <Text size="sm" c="dimmed">
          {c.wordCount.toLocaleString()}
        </Text>
      </Table.Td>
      <Table.Td>
        <ScoreBadge content={c} />
      </Table.Td>
      <Table.Td>
        <Badge variant="light" color={status.color}>
          {status.label}
        </Badge>
      </Table.Td>
      <Table.Td>
        <Group gap={4} wrap="nowrap" c={c.imageCount ? undefined : 'dimmed'} data-testid={`content-images-${c.id}`}>
          <IconPhoto size={14} />
          <Text size="sm">{c.imageCount}</Text>
        </Group>
      </Table.Td>
      <Table.Td>
        <Tooltip label={source.hint} withArrow>
          <Badge variant="outline" color={source.color} size="sm" data-testid={`content-source-${c.id}`}>
            {source.label}
          </Badge>
        </Tooltip>
      </Table.Td>
      <Table.Td>
        <Text size="sm" c="dimmed" title={formatDateTime(c.updatedAt)}>
          {formatDate(c.updatedAt)}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}
