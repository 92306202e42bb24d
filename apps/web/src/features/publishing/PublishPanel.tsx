import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Group, Menu, Popover, Stack, Text, TextInput } from '@mantine/core';
import {
  IconCalendarEvent,
  IconChevronDown,
  IconExternalLink,
  IconRefresh,
  IconSend,
  IconSettings,
} from '@tabler/icons-react';
import { Link } from 'react-router';
import { allowedTransitions, type Content } from '@igny8/contracts';
import {
  usePublications,
  usePublish,
  useSyncPublications,
  useTransition,
  useUnpublish,
  useDestinations,
} from '../../api/queries/publishing';
import { useSite } from '../sites/context';
import { siteHomePath } from '../sites/sitePaths';
import { useStartedTask } from '../tasks/useStartedTask';
import { fromLocalInput, publishStatusMeta, remoteNote, toLocalInput, transitionLabel } from './labels';
import { usePublishAccess } from './usePublishAccess';
import { formatDateTime } from '../../lib/dates';

/**
 * The editor's publishing box: the workflow moves this member may make, Publish now / Schedule,
 * and where the article is (each destination's state, its post's link, the last error).
 */
export function PublishPanel({ content, dirty }: { content: Content; dirty: boolean }) {
  const { accountId, siteId, canEdit } = useSite();
  const { policy, canPublish, role } = usePublishAccess();
  const publications = usePublications(accountId, siteId, content.id);
  const destinations = useDestinations(accountId, siteId);
  const transition = useTransition(accountId, siteId);
  const publish = usePublish(accountId, siteId);
  const unpublish = useUnpublish(accountId, siteId);
  const sync = useSyncPublications(accountId, siteId);
  const started = useStartedTask();
  const [scheduleOpen, setScheduleOpen] = useState(false);
  const [at, setAt] = useState(() => toLocalInput(new Date(Date.now() + 86_400_000)));

  const moves = canEdit ? allowedTransitions(content.status, role, policy) : [];
  const items = publications.data?.items ?? [];
  const enabled = (destinations.data?.items ?? []).filter((d) => d.enabled);
  const live = items.some(
    (p) => p.externalId && p.remoteStatus !== 'deleted' && p.remoteStatus !== 'trash' && p.status !== 'not_published',
  );
  const onTask = (label: string) => (res: { taskId: string | null }) => {
    if (res.taskId) started({ taskId: res.taskId }, label);
  };

  return (
    <Stack gap="sm" data-testid="publish-panel">
      <Group justify="space-between">
        <Text fw={600}>Publishing</Text>
        <Anchor component={Link} to={siteHomePath(accountId, siteId, 'publishing')} size="xs">
          <Group gap={4}>
            <IconSettings size={12} /> Destinations
          </Group>
        </Anchor>
      </Group>

      {moves.length ? (
        <Group gap="xs">
          {moves.map((to) => (
            <Button
              key={to}
              size="xs"
              variant={to === 'draft' ? 'default' : 'light'}
              loading={transition.isPending && transition.variables?.to === to}
              onClick={() => transition.mutate({ contentId: content.id, to })}
              data-testid={`transition-${to}`}
            >
              {transitionLabel[to] ?? to}
            </Button>
          ))}
        </Group>
      ) : null}

      {canPublish ? (
        enabled.length === 0 ? (
          <Alert variant="light" color="gray" p="xs">
            <Text size="sm">
              No destination yet.{' '}
              <Anchor component={Link} to={siteHomePath(accountId, siteId, 'publishing')}>
                Connect WordPress or a webhook
              </Anchor>{' '}
              to publish.
            </Text>
          </Alert>
        ) : (
          <Group gap="xs">
            <Button.Group>
              <Button
                size="sm"
                leftSection={<IconSend size={16} />}
                disabled={dirty}
                loading={publish.isPending}
                onClick={() =>
                  publish.mutate(
                    { contentIds: [content.id], when: { mode: 'now' } },
                    { onSuccess: onTask('Publishing 1 article') },
                  )
                }
                data-testid="publish-now"
              >
                Publish
              </Button>
              <Popover opened={scheduleOpen} onChange={setScheduleOpen} position="bottom-end" withArrow trapFocus>
                <Popover.Target>
                  <Button
                    size="sm"
                    variant="default"
                    disabled={dirty}
                    onClick={() => setScheduleOpen((o) => !o)}
                    data-testid="publish-schedule"
                    leftSection={<IconCalendarEvent size={16} />}
                  >
                    Schedule
                  </Button>
                </Popover.Target>
                <Popover.Dropdown>
                  <Stack gap="xs">
                    <TextInput
                      type="datetime-local"
                      label="Publish at"
                      value={at}
                      onChange={(e) => setAt(e.currentTarget.value)}
                      data-testid="publish-at"
                    />
                    <Group gap="xs">
                      <Button
                        size="xs"
                        onClick={() => {
                          const when = fromLocalInput(at);
                          if (!when) return;
                          publish.mutate(
                            { contentIds: [content.id], when: { mode: 'at', at: when.toISOString() } },
                            { onSuccess: onTask('Scheduling 1 article') },
                          );
                          setScheduleOpen(false);
                        }}
                        data-testid="publish-at-confirm"
                      >
                        Schedule
                      </Button>
                      <Button
                        size="xs"
                        variant="default"
                        onClick={() => {
                          publish.mutate(
                            { contentIds: [content.id], when: { mode: 'auto' } },
                            { onSuccess: onTask('Scheduling 1 article') },
                          );
                          setScheduleOpen(false);
                        }}
                      >
                        Next free slot
                      </Button>
                    </Group>
                  </Stack>
                </Popover.Dropdown>
              </Popover>
            </Button.Group>
            {live ? (
              <Menu position="bottom-end">
                <Menu.Target>
                  <Button
                    size="sm"
                    variant="subtle"
                    color="red"
                    rightSection={<IconChevronDown size={14} />}
                    data-testid="unpublish-menu"
                  >
                    Unpublish
                  </Button>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Item
                    onClick={() =>
                      unpublish.mutate(
                        { contentIds: [content.id], to: 'draft' },
                        { onSuccess: onTask('Unpublishing 1 article') },
                      )
                    }
                  >
                    Back to draft there
                  </Menu.Item>
                  <Menu.Item
                    color="red"
                    onClick={() =>
                      unpublish.mutate(
                        { contentIds: [content.id], to: 'trash' },
                        { onSuccess: onTask('Unpublishing 1 article') },
                      )
                    }
                  >
                    Move to the trash there
                  </Menu.Item>
                </Menu.Dropdown>
              </Menu>
            ) : null}
          </Group>
        )
      ) : canEdit ? (
        <Text size="xs" c="dimmed">
          An admin publishes approved articles
          {policy.editorsCanPublish ? '' : ' (this site does not let editors publish)'}.
        </Text>
      ) : null}
      {dirty && canPublish ? (
        <Text size="xs" c="orange">
          Save your changes before publishing.
        </Text>
      ) : null}

      {items.length ? (
        <Stack gap={6} data-testid="publications">
          {items.map((p) => {
            const meta = publishStatusMeta[p.status];
            const note = remoteNote(p);
            return (
              <Stack key={p.id} gap={2} data-testid={`publication-${p.destinationKind}`}>
                <Group justify="space-between" gap="xs" wrap="nowrap">
                  <Text size="sm" truncate>
                    {p.destinationName}
                  </Text>
                  <Badge size="sm" variant="light" color={meta.color} data-testid="publication-status">
                    {meta.label}
                  </Badge>
                </Group>
                {p.status === 'scheduled' && p.scheduledAt ? (
                  <Text size="xs" c="dimmed">
                    {formatDateTime(p.scheduledAt)}
                  </Text>
                ) : null}
                {p.externalUrl && p.status !== 'not_published' ? (
                  <Anchor href={p.externalUrl} target="_blank" rel="noreferrer" size="xs" data-testid="publication-url">
                    <Group gap={4} wrap="nowrap">
                      <IconExternalLink size={12} /> {p.externalUrl}
                    </Group>
                  </Anchor>
                ) : null}
                {note ? (
                  <Text size="xs" c="orange">
                    {note}
                  </Text>
                ) : null}
                {p.lastError ? (
                  <Text size="xs" c="red" data-testid="publication-error">
                    {p.lastError.message}
                  </Text>
                ) : null}
                {p.warnings.map((w) => (
                  <Text key={w} size="xs" c="dimmed">
                    {w}
                  </Text>
                ))}
              </Stack>
            );
          })}
          {canEdit && items.some((p) => p.externalId) ? (
            <Button
              size="compact-xs"
              variant="subtle"
              leftSection={<IconRefresh size={12} />}
              loading={sync.isPending}
              onClick={() => sync.mutate([content.id], { onSuccess: onTask('Checking the posts') })}
              w="fit-content"
            >
              Check status at the destinations
            </Button>
          ) : null}
        </Stack>
      ) : null}
    </Stack>
  );
}
