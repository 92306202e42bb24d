import { Badge, Button, Group, Paper, Stack, Switch, Text } from '@mantine/core';
import { IconPlugConnected, IconTrash } from '@tabler/icons-react';
import type { Destination } from '@igny8/contracts';
import { useDeleteDestination, useTestDestination, useUpdateDestination } from '../../api/queries/publishing';

/** One destination: where it points, its last connection test, and (for admins) test, enable, remove. */
export function DestinationCard(props: {
  accountId: string;
  siteId: string;
  destination: Destination;
  canManage: boolean;
}) {
  const { accountId, siteId, destination: d, canManage } = props;
  const test = useTestDestination(accountId, siteId);
  const update = useUpdateDestination(accountId, siteId);
  const remove = useDeleteDestination(accountId, siteId);
  const result = d.lastTest;

  return (
    <Paper withBorder radius="md" p="md" data-testid={`destination-${d.kind}`}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap">
          <Group gap="xs" wrap="nowrap">
            <Text fw={600}>{d.name}</Text>
            <Badge variant="light" color={d.kind === 'wordpress' ? 'blue' : 'grape'}>
              {d.kind === 'wordpress' ? 'WordPress' : 'Webhook'}
            </Badge>
          </Group>
          {canManage ? (
            <Switch
              label="Enabled"
              checked={d.enabled}
              onChange={(e) => update.mutate({ id: d.id, body: { enabled: e.currentTarget.checked } })}
            />
          ) : null}
        </Group>
        <Text size="sm" c="dimmed">
          {d.url}
          {d.username ? ` · ${d.username}` : ''}
          {d.secretMask ? ` · ${d.kind === 'wordpress' ? 'application password' : 'secret'} ${d.secretMask}` : ''}
        </Text>
        {result ? (
          <Stack gap={2} data-testid="destination-test-result">
            <Text size="sm" c={result.ok ? (result.canPublish ? 'teal' : 'orange') : 'red'}>
              {result.message}
            </Text>
            {result.ok && d.kind === 'wordpress' ? (
              <Text size="xs" c="dimmed">
                {result.canPublish ? 'Can publish posts' : 'Cannot publish posts'} ·{' '}
                {result.canUploadFiles ? 'can upload images' : 'cannot upload images'} ·{' '}
                {result.bridge
                  ? `bridge plugin ${result.bridge.version} active (SEO meta, JSON-LD)`
                  : 'bridge plugin not active: SEO meta will be skipped'}
              </Text>
            ) : null}
          </Stack>
        ) : null}
        {canManage ? (
          <Group gap="xs">
            <Button
              size="xs"
              variant="light"
              leftSection={<IconPlugConnected size={14} />}
              loading={test.isPending}
              onClick={() => test.mutate(d.id)}
              data-testid="destination-test"
            >
              Test connection
            </Button>
            <Button
              size="xs"
              variant="subtle"
              color="red"
              leftSection={<IconTrash size={14} />}
              loading={remove.isPending}
              onClick={() => remove.mutate(d.id)}
            >
              Remove
            </Button>
          </Group>
        ) : null}
      </Stack>
    </Paper>
  );
}
