import { useState } from 'react';
import { Alert, Badge, Box, Button, Group, Loader, Modal, ScrollArea, Slider, Stack, Table, Text } from '@mantine/core';
import { IconAlertCircle, IconSparkles } from '@tabler/icons-react';
import { DEFAULT_CLUSTER_GRANULARITY, type ClusterPreview } from '@igny8/contracts';
import { errorMessage, isApiError } from '../../../api/errors';
import { useAutoCluster, useClusterPreview, type AutoClusterBody } from '../../../api/queries/clusters';
import { useSectorNames } from '../../../api/queries/sectors';
import { CreditNote } from '../../billing/CreditNote';
import { useSite } from '../../sites/context';
import { useStartedTask } from '../../tasks/useStartedTask';

const marks = [
  { value: 0, label: 'Broad topics' },
  { value: DEFAULT_CLUSTER_GRANULARITY, label: 'Default' },
  { value: 1, label: 'Tight groups' },
];

const n = (x: number) => x.toLocaleString('en');
const plural = (x: number, one: string, many = `${one}s`) => `${n(x)} ${x === 1 ? one : many}`;

/**
 * Auto-cluster with a look first: the clusters the run would make at a granularity, nothing saved
 * until "Create". The preview is the run's own engine on the same keywords, so the run saves what
 * was shown. Sets too large to preview can still be clustered, without one.
 */
export function AutoClusterModal(props: {
  opened: boolean;
  onClose: () => void;
  /** what to cluster: selected keywords, one sector's unclustered ones, or every unclustered one */
  target: Omit<AutoClusterBody, 'granularity'>;
  /** what the target is, in words: "12 selected keywords", "unclustered keywords in Tea" */
  scope: string;
  onStarted?: () => void;
}) {
  const { accountId, siteId } = useSite();
  const [granularity, setGranularity] = useState(DEFAULT_CLUSTER_GRANULARITY);
  // The slider moves freely; the preview follows once it is let go.
  const [shown, setShown] = useState(DEFAULT_CLUSTER_GRANULARITY);
  // Each opening starts from the default.
  const close = () => {
    setGranularity(DEFAULT_CLUSTER_GRANULARITY);
    setShown(DEFAULT_CLUSTER_GRANULARITY);
    props.onClose();
  };
  const body = { ...props.target, granularity: shown };
  const preview = useClusterPreview(accountId, siteId, props.opened ? body : null);
  const autoCluster = useAutoCluster(accountId, siteId);
  const started = useStartedTask();
  const tooLarge = isApiError(preview.error, 'preview_too_large');
  const p = preview.data && !preview.isPlaceholderData ? preview.data : undefined;
  const stale = preview.isFetching;

  const create = () =>
    autoCluster.mutate(body, {
      onSuccess: ({ taskId }) => {
        started(taskId);
        props.onStarted?.();
        close();
      },
    });

  const createLabel = tooLarge
    ? 'Auto-cluster without a preview'
    : p
      ? p.newClusters > 0
        ? `Create ${plural(p.newClusters, 'cluster')}`
        : 'Save'
      : 'Create clusters';

  return (
    <Modal opened={props.opened} onClose={close} title="Auto-cluster" size="xl" centered radius="md">
      <Stack gap="md">
        <Text size="sm">
          Clusters {props.scope}, each sector on its own. Keywords that fit one of the site’s clusters join it; nothing
          is saved until you create the clusters. With an AI text provider, the AI names and describes each cluster as
          it is saved.
        </Text>
        <Stack gap={6}>
          <Text size="sm" fw={500}>
            Granularity
          </Text>
          {/* Room either side for the end marks' labels, which centre on their ends. */}
          <Box px="xl" pb="lg">
            <Slider
              min={0}
              max={1}
              step={0.05}
              marks={marks}
              label={(v) => v.toFixed(2)}
              value={granularity}
              onChange={setGranularity}
              onChangeEnd={setShown}
              data-testid="autocluster-granularity"
              thumbLabel="Granularity"
            />
          </Box>
        </Stack>
        {tooLarge ? (
          <Alert color="yellow" icon={<IconAlertCircle size={16} />} title="Too many keywords to preview">
            {errorMessage(preview.error)}
          </Alert>
        ) : preview.error ? (
          <Alert color="red" icon={<IconAlertCircle size={16} />} title="The preview failed">
            {errorMessage(preview.error)}
          </Alert>
        ) : (
          <PreviewTable preview={preview.data} stale={stale} />
        )}
        <Group justify="space-between" wrap="nowrap">
          <CreditNote accountId={accountId} siteId={siteId} body={{ kind: 'clusters.auto', ...props.target }} />
          <Group gap="xs" wrap="nowrap" ml="auto">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button
              leftSection={<IconSparkles size={16} />}
              onClick={create}
              loading={autoCluster.isPending}
              disabled={!tooLarge && (!p || stale || p.keywords === 0)}
              data-testid="autocluster-create"
            >
              {createLabel}
            </Button>
          </Group>
        </Group>
      </Stack>
    </Modal>
  );
}

function PreviewTable(props: { preview: ClusterPreview | undefined; stale: boolean }) {
  const { accountId, siteId } = useSite();
  const { names, many } = useSectorNames(accountId, siteId);
  const p = props.preview;
  if (!p) {
    return (
      <Group gap="xs" justify="center" py="xl">
        <Loader size="sm" />
        <Text size="sm" c="dimmed">
          Clustering a preview…
        </Text>
      </Group>
    );
  }
  if (p.keywords === 0) {
    return (
      <Text size="sm" c="dimmed" py="md" data-testid="autocluster-summary">
        Nothing to cluster: every keyword here is already in a cluster.
      </Text>
    );
  }
  return (
    <Stack gap="xs" style={{ opacity: props.stale ? 0.55 : 1 }} aria-busy={props.stale}>
      <Group gap="xs" justify="space-between">
        <Text size="sm" data-testid="autocluster-summary" data-clusters={p.newClusters}>
          <b>{plural(p.newClusters, 'new cluster')}</b> from {plural(p.keywords, 'keyword')}
          {p.assignedToExisting > 0 ? ` · ${n(p.assignedToExisting)} join existing clusters` : ''}
          {p.unclustered > 0 ? ` · ${n(p.unclustered)} stay unclustered` : ''}
          {p.withSerp > 0 ? ` · ${n(p.withSerp)} with search results` : ''}
        </Text>
        {props.stale ? <Loader size="xs" /> : null}
      </Group>
      {p.clusters.length > 0 ? (
        <ScrollArea.Autosize mah={360} type="auto" offsetScrollbars>
          <Table striped verticalSpacing={6} data-testid="autocluster-preview">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Cluster</Table.Th>
                <Table.Th ta="right">Keywords</Table.Th>
                <Table.Th ta="right">Volume</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {p.clusters.map((c) => (
                <Table.Tr key={c.key} data-testid="autocluster-preview-row">
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <Text size="sm" fw={500} data-testid="autocluster-preview-name">
                        {c.name}
                      </Text>
                      {many ? (
                        <Badge size="xs" variant="light" color="gray">
                          {names.get(c.sectorId) ?? 'Sector'}
                        </Badge>
                      ) : null}
                    </Group>
                    <Text size="xs" c="dimmed" lineClamp={1}>
                      {c.sample.join(' · ')}
                      {c.keywordCount > c.sample.length ? ' …' : ''}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right">{n(c.keywordCount)}</Table.Td>
                  <Table.Td ta="right">{n(c.totalVolume)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea.Autosize>
      ) : null}
      {p.embeddingsPending > 0 ? (
        <Text size="xs" c="dimmed" data-testid="autocluster-embeddings-pending">
          The run first embeds {plural(p.embeddingsPending, 'keyword')} and then clusters by meaning as well as by
          words, so the clusters it saves can differ a little from this preview.
        </Text>
      ) : p.byMeaning ? (
        <Text size="xs" c="dimmed">
          Clustered by meaning (embeddings) as well as by words.
        </Text>
      ) : null}
      {p.newClusters > p.clusters.length ? (
        <Text size="xs" c="dimmed">
          The {n(p.clusters.length)} largest of {n(p.newClusters)} clusters are shown.
        </Text>
      ) : null}
    </Stack>
  );
}
