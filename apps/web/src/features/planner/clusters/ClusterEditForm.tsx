import { useState } from 'react';
import { Button, Group, Stack, Textarea, TextInput } from '@mantine/core';
import type { Cluster } from '@igny8/contracts';
import { useUpdateCluster } from '../../../api/queries/clusters';
import { notifySuccess } from '../../../lib/notify';
import { useSite } from '../../sites/context';

/** Rename a cluster and edit its description. Mount with `key={cluster.id}` so it starts from the cluster. */
export function ClusterEditForm({ cluster }: { cluster: Cluster }) {
  const { accountId, siteId } = useSite();
  const update = useUpdateCluster(accountId, siteId);
  const [name, setName] = useState(cluster.name);
  const [description, setDescription] = useState(cluster.description);
  const dirty = name.trim() !== cluster.name || description.trim() !== cluster.description;

  return (
    <Stack gap="sm">
      <TextInput
        label="Name"
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        error={name.trim() ? null : 'Required'}
        maxLength={200}
        data-testid="cluster-name"
      />
      <Textarea
        label="Description"
        autosize
        minRows={2}
        maxRows={6}
        maxLength={2000}
        value={description}
        onChange={(e) => setDescription(e.currentTarget.value)}
        data-testid="cluster-description"
      />
      <Group justify="flex-end" gap="xs">
        {dirty ? (
          <Button
            variant="subtle"
            color="gray"
            onClick={() => (setName(cluster.name), setDescription(cluster.description))}
          >
            Reset
          </Button>
        ) : null}
        <Button
          disabled={!dirty || !name.trim()}
          loading={update.isPending}
          onClick={() =>
            update.mutate(
              { clusterId: cluster.id, name: name.trim(), description: description.trim() },
              { onSuccess: (c) => notifySuccess(`${c.name} was saved.`) },
            )
          }
          data-testid="cluster-save"
        >
          Save
        </Button>
      </Group>
    </Stack>
  );
}
