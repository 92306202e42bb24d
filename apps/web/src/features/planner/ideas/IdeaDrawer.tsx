import { useState } from 'react';
import { Drawer, Group, Skeleton, Text } from '@mantine/core';
import { useDeleteIdea, useIdea } from '../../../api/queries/ideas';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { QueryError } from '../../../components/QueryError';
import { notifySuccess } from '../../../lib/notify';
import { useSite } from '../../sites/context';
import { SourceBadge } from '../components/SourceBadge';
import { IdeaEditor } from './IdeaEditor';
import { IdeaView } from './IdeaView';

export function IdeaDrawer(props: { ideaId: string | null; onClose: () => void }) {
  const { accountId, siteId, canEdit } = useSite();
  const idea = useIdea(accountId, siteId, props.ideaId);
  const remove = useDeleteIdea(accountId, siteId);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const i = idea.data;

  return (
    <Drawer
      opened={props.ideaId !== null}
      onClose={props.onClose}
      position="right"
      size="xl"
      title={
        <Group gap="xs">
          <Text fw={600}>Idea</Text>
          {i ? <SourceBadge source={i.source} /> : null}
          {i?.clusterName ? (
            <Text size="sm" c="dimmed">
              · {i.clusterName}
            </Text>
          ) : null}
        </Group>
      }
      data-testid="idea-drawer"
    >
      {idea.isError ? <QueryError error={idea.error} /> : null}
      {idea.isPending && props.ideaId ? <Skeleton h={300} /> : null}
      {i ? (
        canEdit ? (
          <IdeaEditor key={i.id} idea={i} onDelete={() => setConfirmDelete(true)} />
        ) : (
          <IdeaView idea={i} />
        )
      ) : null}
      <ConfirmDialog
        opened={confirmDelete}
        title="Delete idea"
        message={`Delete “${i?.title ?? ''}”? A writer task made from it stays.`}
        confirmLabel="Delete"
        danger
        loading={remove.isPending}
        onConfirm={() =>
          i &&
          remove.mutate(i.id, {
            onSuccess: () => {
              notifySuccess(`“${i.title}” was deleted.`);
              props.onClose();
            },
            onSettled: () => setConfirmDelete(false),
          })
        }
        onClose={() => setConfirmDelete(false)}
      />
    </Drawer>
  );
}
