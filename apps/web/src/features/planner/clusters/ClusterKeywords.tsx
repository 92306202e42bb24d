import { useState } from 'react';
import { ActionIcon, Group, Pagination, Paper, Table, Text, Tooltip } from '@mantine/core';
import { IconX } from '@tabler/icons-react';
import { ClusterSelect } from './ClusterSelect';
import { useKeywords } from '../../../api/queries/keywords';
import { QueryError } from '../../../components/QueryError';
import { LoadingRows } from '../../../components/table/LoadingRows';
import { lastPage } from '../../../components/table/pages';
import { usePageInRange } from '../../../components/table/usePageInRange';
import { useSite } from '../../sites/context';
import { formatNumber } from '../keywords/labels';
import { useMoveKeyword } from './useMoveKeyword';

const PAGE = 15;

/** The keywords of one cluster, page by page, with "move" and "remove" per keyword. */
export function ClusterKeywords(props: { clusterId: string }) {
  const { accountId, siteId, canEdit } = useSite();
  const [page, setPage] = useState(1);
  const list = useKeywords(accountId, siteId, {
    clusterId: props.clusterId,
    sort: 'volume',
    order: 'desc',
    limit: PAGE,
    offset: (page - 1) * PAGE,
  });
  const { move, isPending } = useMoveKeyword(accountId, siteId);
  const total = list.data?.total ?? 0;
  const pages = lastPage(total, PAGE);
  usePageInRange(list, { total, page, pageSize: PAGE }, setPage);

  if (list.isError) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <Paper withBorder radius="md" data-testid="cluster-keywords">
      <Table verticalSpacing={6} fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Keyword</Table.Th>
            <Table.Th ta="right" w={90}>
              Volume
            </Table.Th>
            {canEdit ? <Table.Th w={230} /> : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.isPending ? (
            <LoadingRows colSpan={canEdit ? 3 : 2} />
          ) : (
            list.data.items.map((k) => (
              <Table.Tr key={k.id} data-testid={`cluster-keyword-${k.id}`}>
                <Table.Td>{k.phrase}</Table.Td>
                <Table.Td ta="right">{formatNumber(k.volume)}</Table.Td>
                {canEdit ? (
                  <Table.Td>
                    <Group gap={4} wrap="nowrap" justify="flex-end">
                      <ClusterSelect
                        size="xs"
                        w={180}
                        placeholder="Move to…"
                        exclude={props.clusterId}
                        value={null}
                        disabled={isPending}
                        onChange={(v, option) => {
                          if (v) move(k, { id: v, name: option.label });
                        }}
                        nothingFoundMessage="No other clusters"
                        aria-label={`Move ${k.phrase} to cluster`}
                      />
                      <Tooltip label="Remove from cluster" withArrow>
                        <ActionIcon
                          variant="subtle"
                          color="gray"
                          disabled={isPending}
                          onClick={() => move(k, null)}
                          aria-label={`Remove ${k.phrase} from cluster`}
                          data-testid={`cluster-keyword-remove-${k.id}`}
                        >
                          <IconX size={16} />
                        </ActionIcon>
                      </Tooltip>
                    </Group>
                  </Table.Td>
                ) : null}
              </Table.Tr>
            ))
          )}
        </Table.Tbody>
      </Table>
      {list.isSuccess && total === 0 ? (
        <Text size="sm" c="dimmed" ta="center" py="md">
          This cluster has no keywords left.
        </Text>
      ) : null}
      {pages > 1 ? (
        <Group justify="center" py="xs">
          <Pagination size="xs" total={pages} value={Math.min(page, pages)} onChange={setPage} />
        </Group>
      ) : null}
    </Paper>
  );
}
