import { useState } from 'react';
import { Badge, Button, Divider, Drawer, Group, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconArrowMerge, IconTrash } from '@tabler/icons-react';
import { type Cluster, plural } from '@igny8/contracts';
import { ClusterSelect } from './ClusterSelect';
import { useCluster, useDeleteCluster, useMergeClusters } from '../../../api/queries/clusters';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { QueryError } from '../../../components/QueryError';
import { notifySuccess } from '../../../lib/notify';
import { useSite } from '../../sites/context';
import { SourceBadge } from '../components/SourceBadge';
import { formatNumber, intentLabel } from '../keywords/labels';
import { ClusterEditForm } from './ClusterEditForm';
import { ClusterKeywords } from './ClusterKeywords';
import { ClusterOutliers } from './ClusterOutliers';

function Stats({ c }: { c: Cluster }) {
  const stat = (label: string, value: string) => (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fw={600}>{value}</Text>
    </div>
  );
  return (
    <SimpleGrid cols={4} spacing="xs">
      {stat('Keywords', c.keywordCount.toLocaleString())}
      {stat('Volume', c.totalVolume.toLocaleString())}
      {stat('Difficulty', formatNumber(c.avgDifficulty))}
      {stat('Intent', c.dominantIntent ? intentLabel[c.dominantIntent] : '—')}
    </SimpleGrid>
  );
}

function MergeInto(props: { cluster: Cluster; onMerged: (targetId: string) => void }) {
  const { accountId, siteId } = useSite();
  const merge = useMergeClusters(accountId, siteId);
  const [target, setTarget] = useState<string | null>(null);
  return (
    <Group gap="xs" align="flex-end" wrap="nowrap">
      <ClusterSelect
        flex={1}
        size="sm"
        label="Merge into another cluster"
        description="Its keywords join the other cluster; this cluster is removed."
        placeholder="Choose a cluster"
        exclude={props.cluster.id}
        value={target}
        onChange={setTarget}
        data-testid="cluster-merge-target"
      />
      <Button
        variant="default"
        leftSection={<IconArrowMerge size={16} />}
        disabled={!target}
        loading={merge.isPending}
        data-testid="cluster-merge-submit"
        onClick={() =>
          target &&
          merge.mutate(
            { targetClusterId: target, sourceClusterId: props.cluster.id },
            {
              onSuccess: (c) => (
                notifySuccess(`${props.cluster.name} was merged into ${c.name}.`),
                props.onMerged(c.id)
              ),
            },
          )
        }
      >
        Merge
      </Button>
    </Group>
  );
}

export function ClusterDrawer(props: { clusterId: string | null; onClose: () => void; onOpen: (id: string) => void }) {
  const { accountId, siteId, canEdit } = useSite();
  const cluster = useCluster(accountId, siteId, props.clusterId);
  const remove = useDeleteCluster(accountId, siteId);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const c = cluster.data;

  return (
    <Drawer
      opened={props.clusterId !== null}
      onClose={props.onClose}
      position="right"
      size="lg"
      title={<Text fw={600}>Cluster</Text>}
      data-testid="cluster-drawer"
    >
      {cluster.isError ? <QueryError error={cluster.error} /> : null}
      {cluster.isPending && props.clusterId ? <Skeleton h={200} /> : null}
      {c ? (
        <Stack gap="lg">
          <Stack gap={4}>
            <Group gap="xs">
              <Title order={3}>{c.name}</Title>
              <SourceBadge source={c.descriptionSource} />
              <Badge variant="outline" color="gray">
                {plural(c.ideaCount, 'idea')}
              </Badge>
            </Group>
            {!canEdit ? (
              <Text size="sm" c="dimmed">
                {c.description || 'No description'}
              </Text>
            ) : null}
          </Stack>
          <Stats c={c} />
          <ClusterOutliers clusterId={c.id} />
          {canEdit ? <ClusterEditForm key={`${c.id}-${c.updatedAt}`} cluster={c} /> : null}
          <div>
            <Text fw={600} mb="xs">
              Keywords
            </Text>
            <ClusterKeywords clusterId={c.id} />
          </div>
          {canEdit ? (
            <>
              <Divider />
              <MergeInto cluster={c} onMerged={props.onOpen} />
              <Group justify="flex-end">
                <Button
                  variant="light"
                  color="red"
                  leftSection={<IconTrash size={16} />}
                  onClick={() => setConfirmDelete(true)}
                  data-testid="cluster-delete"
                >
                  Delete cluster
                </Button>
              </Group>
            </>
          ) : null}
          <ConfirmDialog
            opened={confirmDelete}
            title="Delete cluster"
            message={`Delete “${c.name}”? Its ${plural(c.keywordCount, 'keyword')} return to unclustered; its ideas stay without a cluster.`}
            confirmLabel="Delete"
            danger
            loading={remove.isPending}
            onConfirm={() =>
              remove.mutate(c.id, {
                onSuccess: () => {
                  notifySuccess(`${c.name} was deleted; its keywords are unclustered.`);
                  props.onClose();
                },
                onSettled: () => setConfirmDelete(false),
              })
            }
            onClose={() => setConfirmDelete(false)}
          />
        </Stack>
      ) : null}
    </Drawer>
  );
}
