import { useState } from 'react';
import { Button, Group, Modal, NumberInput, Stack, Text } from '@mantine/core';
import { useGenerateIdeas } from '../../../api/queries/ideas';
import { useSite } from '../../sites/context';
import { useStartedTask } from '../../tasks/useStartedTask';
import { CreditNote } from '../../billing/CreditNote';

export function GenerateIdeasModal(props: {
  clusterIds: string[];
  opened: boolean;
  onClose: () => void;
  onStarted: () => void;
}) {
  const { accountId, siteId } = useSite();
  const generate = useGenerateIdeas(accountId, siteId);
  const started = useStartedTask();
  const [perCluster, setPerCluster] = useState<number>(3);
  const n = props.clusterIds.length;
  const valid = Number.isInteger(perCluster) && perCluster >= 1 && perCluster <= 10;

  const submit = () =>
    generate.mutate(
      { clusterIds: props.clusterIds, perCluster },
      {
        onSuccess: ({ taskId }) => {
          started(taskId);
          props.onStarted();
          props.onClose();
        },
      },
    );

  return (
    <Modal opened={props.opened} onClose={props.onClose} title="Generate ideas" centered radius="md">
      <Stack gap="md">
        <Text size="sm">
          Article ideas with an outline are written for each of the {n} selected cluster{n === 1 ? '' : 's'}. Without an
          AI provider, ideas come from templates and are marked as such.
        </Text>
        <NumberInput
          label="Ideas per cluster"
          min={1}
          max={10}
          clampBehavior="strict"
          allowDecimal={false}
          value={perCluster}
          onChange={(v) => setPerCluster(typeof v === 'number' ? v : Number(v) || 0)}
          data-testid="generate-ideas-per-cluster"
        />
        <CreditNote
          accountId={accountId}
          siteId={siteId}
          body={
            valid && n > 0 && props.opened ? { kind: 'ideas.generate', clusterIds: props.clusterIds, perCluster } : null
          }
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            Cancel
          </Button>
          <Button
            onClick={submit}
            disabled={!valid || n === 0}
            loading={generate.isPending}
            data-testid="generate-ideas-submit"
          >
            Generate {valid ? perCluster * n : ''} ideas
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
