import { Anchor, Badge, Button, Group, Paper, Popover, Stack, Text } from '@mantine/core';
import { IconExternalLink } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { CalendarItem } from '@igny8/contracts';
import { usePublish } from '../../api/queries/publishing';
import { useSite } from '../sites/context';
import { useStartedTask } from '../tasks/useStartedTask';
import { contentEditorPath } from '../writer/paths';
import { publishStatusMeta, remoteNote } from './labels';
import { usePublishAccess } from './usePublishAccess';
import { formatDateTime } from '../../lib/dates';

/** One article on the calendar: its time and state; click for its destinations and "Publish now". */
export function CalendarItemCard(props: {
  item: CalendarItem;
  draggable: boolean;
  onDragStart: () => void;
  onDragEnd: () => void;
}) {
  const { item } = props;
  const { accountId, siteId } = useSite();
  const { canPublish } = usePublishAccess();
  const publish = usePublish(accountId, siteId);
  const started = useStartedTask();
  const meta = publishStatusMeta[item.status];
  const time = new Date(item.at).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });

  return (
    <Popover width={280} position="bottom-start" withArrow shadow="md">
      <Popover.Target>
        <Paper
          p={4}
          radius="sm"
          bg={`var(--mantine-color-${meta.color}-light)`}
          draggable={props.draggable}
          onDragStart={(e) => {
            e.dataTransfer.setData('text/plain', item.contentId);
            e.dataTransfer.effectAllowed = 'move';
            props.onDragStart();
          }}
          onDragEnd={props.onDragEnd}
          style={{ cursor: props.draggable ? 'grab' : 'pointer' }}
          data-testid={`calendar-item-${item.contentId}`}
          data-status={item.status}
          data-at={item.at}
        >
          <Text size="xs" lineClamp={2}>
            <Text span size="xs" fw={600} c={meta.color}>
              {time}
            </Text>{' '}
            {item.title}
          </Text>
        </Paper>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap={6}>
          <Anchor component={Link} to={contentEditorPath(accountId, siteId, item.contentId)} fw={600} size="sm">
            {item.title}
          </Anchor>
          <Text size="xs" c="dimmed">
            {formatDateTime(item.at)}
          </Text>
          {item.publications.map((p) => (
            <Stack key={p.id} gap={0}>
              <Group justify="space-between" gap={4}>
                <Text size="xs">{p.destinationName}</Text>
                <Badge size="xs" variant="light" color={publishStatusMeta[p.status].color}>
                  {publishStatusMeta[p.status].label}
                </Badge>
              </Group>
              {p.externalUrl && p.status === 'published' ? (
                <Anchor href={p.externalUrl} target="_blank" rel="noreferrer" size="xs">
                  <IconExternalLink size={10} /> View post
                </Anchor>
              ) : null}
              {remoteNote(p) ? (
                <Text size="xs" c="orange">
                  {remoteNote(p)}
                </Text>
              ) : null}
              {p.lastError ? (
                <Text size="xs" c="red">
                  {p.lastError.message}
                </Text>
              ) : null}
            </Stack>
          ))}
          {canPublish && item.status !== 'published' && item.status !== 'publishing' ? (
            <Button
              size="xs"
              loading={publish.isPending}
              onClick={() =>
                publish.mutate(
                  {
                    contentIds: [item.contentId],
                    when: { mode: 'now' },
                    destinationIds: item.publications.map((p) => p.destinationId),
                  },
                  { onSuccess: (res) => res.taskId && started({ taskId: res.taskId }, 'Publishing 1 article') },
                )
              }
              data-testid="calendar-publish-now"
            >
              Publish now
            </Button>
          ) : null}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
