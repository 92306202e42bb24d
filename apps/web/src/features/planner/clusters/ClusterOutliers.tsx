import { plural } from '@igny8/contracts';
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useClusterOutliers, useKeepOutlier } from '../../../api/queries/clusters';
import { notifySuccess } from '../../../lib/notify';
import { useSite } from '../../sites/context';
import { formatNumber } from '../keywords/labels';
import { useMoveKeyword } from './useMoveKeyword';

/**
 * Keywords the LLM flagged, when it named the cluster, as not belonging here: its reason, and one click to
 * move each where it fits better (or out of any cluster), or to keep it. Nothing shows when none are flagged.
 */
export function ClusterOutliers(props: { clusterId: string }) {
  const { accountId, siteId, canEdit } = useSite();
  const outliers = useClusterOutliers(accountId, siteId, props.clusterId);
  const moving = useMoveKeyword(accountId, siteId);
  const keep = useKeepOutlier(accountId, siteId, props.clusterId);
  const items = outliers.data?.items ?? [];
  if (items.length === 0) return null;
  const busy = moving.isPending || keep.isPending;

  return (
    <Alert
      variant="light"
      color="yellow"
      icon={<IconAlertTriangle size={18} />}
      title={`${plural(items.length, 'keyword')} may not belong here`}
      data-testid="cluster-outliers"
    >
      <Stack gap="sm">
        {items.map((o) => (
          <Stack key={o.keywordId} gap={4} data-testid={`cluster-outlier-${o.keywordId}`}>
            <Group gap="xs" wrap="nowrap" justify="space-between">
              <Text size="sm" fw={600}>
                {o.phrase}
              </Text>
              <Text size="xs" c="dimmed">
                {formatNumber(o.volume)}
              </Text>
            </Group>
            <Text size="sm">
              {o.reason}
              {o.proposedCluster ? ` Fits better in ${o.proposedCluster.name}.` : ''}
            </Text>
            {canEdit ? (
              <Group gap="xs">
                {o.proposedCluster ? (
                  <Button
                    size="xs"
                    disabled={busy}
                    onClick={() => moving.move({ id: o.keywordId, phrase: o.phrase }, o.proposedCluster)}
                    data-testid={`cluster-outlier-move-${o.keywordId}`}
                  >
                    Move to {o.proposedCluster.name}
                  </Button>
                ) : null}
                <Button
                  size="xs"
                  variant="default"
                  disabled={busy}
                  onClick={() => moving.move({ id: o.keywordId, phrase: o.phrase }, null)}
                  data-testid={`cluster-outlier-remove-${o.keywordId}`}
                >
                  Remove from cluster
                </Button>
                <Button
                  size="xs"
                  variant="subtle"
                  color="gray"
                  disabled={busy}
                  onClick={() =>
                    keep.mutate(o.keywordId, { onSuccess: () => notifySuccess(`“${o.phrase}” stays in this cluster.`) })
                  }
                  data-testid={`cluster-outlier-keep-${o.keywordId}`}
                >
                  Keep here
                </Button>
              </Group>
            ) : null}
          </Stack>
        ))}
      </Stack>
    </Alert>
  );
}
