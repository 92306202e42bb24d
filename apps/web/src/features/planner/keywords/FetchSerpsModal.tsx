import { plural } from '@igny8/contracts';
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useFetchSerps } from '../../../api/queries/keywords';
import { CreditNote } from '../../billing/CreditNote';
import { useSite } from '../../sites/context';
import { useStartedTask } from '../../tasks/useStartedTask';

/** Fetching the top search results of selected keywords: one search each, held in credits when it starts. */
export function FetchSerpsModal(props: {
  keywordIds: string[];
  /** the platform's SERP provider, as the integrations view names it */
  provider: string;
  opened: boolean;
  onClose: () => void;
}) {
  const { accountId, siteId } = useSite();
  const fetchSerps = useFetchSerps(accountId, siteId);
  const started = useStartedTask();
  const n = props.keywordIds.length;
  const provider = props.provider === 'serpapi' ? 'SerpApi' : props.provider;

  const submit = () =>
    fetchSerps.mutate(props.keywordIds, {
      onSuccess: ({ taskId }) => {
        started(taskId);
        props.onClose();
      },
    });

  return (
    <Modal opened={props.opened} onClose={props.onClose} title="Fetch search results" centered radius="md">
      <Stack gap="md">
        <Text size="sm">
          The top 10 Google results of each of the {plural(n, 'selected keyword')} are fetched through the platform’s{' '}
          {provider} account, one search per keyword. Auto-cluster then groups keywords that share results.
        </Text>
        <CreditNote
          accountId={accountId}
          siteId={siteId}
          body={props.opened && n > 0 ? { kind: 'keywords.serps', keywordIds: props.keywordIds } : null}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            Cancel
          </Button>
          <Button onClick={submit} disabled={n === 0} loading={fetchSerps.isPending} data-testid="fetch-serps-submit">
            Fetch results of {plural(n, 'keyword')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
