import { useState } from 'react';
import { Anchor, Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { IconArrowsSplit } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useCannibalisedKeywords } from '../../../api/queries/keywords';
import { EmptyState } from '../../../components/EmptyState';
import { PageHeader } from '../../../components/PageHeader';
import { ListPanel } from '../../../components/table/ListPanel';
import { LoadingRows } from '../../../components/table/LoadingRows';
import { TablePager } from '../../../components/table/TablePager';
import { useSite } from '../../sites/context';
import { siteHomePath } from '../../sites/sitePaths';
import { formatNumber } from '../keywords/labels';

/** Keywords that more than one idea or article targets: the pieces compete for the same search. */
export function CannibalisationPage() {
  const { accountId, siteId, site } = useSite();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(25);
  const list = useCannibalisedKeywords(accountId, siteId, { limit: pageSize, offset: (page - 1) * pageSize });
  const items = list.data?.items ?? [];
  const total = list.data?.total ?? 0;
  const ideaHref = (id: string) => `${siteHomePath(accountId, siteId, 'ideas')}?open=${id}`;
  const contentHref = (id: string) => `${siteHomePath(accountId, siteId, 'content')}/${id}`;

  return (
    <Stack gap={0}>
      <PageHeader
        title="Cannibalisation"
        description={`Keywords of ${site.name} that more than one idea or article targets. An idea and the article written from it count once.`}
        actions={
          <Button variant="default" component={Link} to={siteHomePath(accountId, siteId, 'keywords')}>
            Keywords
          </Button>
        }
      />
      <ListPanel
        query={list}
        dim
        isEmpty={items.length === 0}
        empty={
          <EmptyState
            icon={IconArrowsSplit}
            title="No competing pieces"
            description="No keyword is targeted by more than one idea or article."
          />
        }
        footer={
          total > 0 ? (
            <TablePager
              total={total}
              page={page}
              pageSize={pageSize}
              onPage={setPage}
              onPageSize={(s) => (setPageSize(s), setPage(1))}
              pageSizes={[25, 50, 100]}
              noun="keywords"
            />
          ) : null
        }
      >
        <Table verticalSpacing="sm" data-testid="cannibalisation-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Keyword</Table.Th>
              <Table.Th ta="right" w={110}>
                Volume
              </Table.Th>
              <Table.Th w={90}>Pieces</Table.Th>
              <Table.Th>Targeted by</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.isPending ? <LoadingRows colSpan={4} /> : null}
            {items.map((k) => (
              <Table.Tr key={k.phrase} data-testid="cannibalisation-row">
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {k.phrase}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">{formatNumber(k.volume)}</Table.Td>
                <Table.Td>
                  <Badge color="red" variant="light">
                    {k.pieces}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Stack gap={4}>
                    {k.targets.map((target) => (
                      <Group key={`${target.kind}-${target.id}-${target.role}`} gap={6} wrap="nowrap">
                        <Badge size="xs" variant="outline" color={target.kind === 'idea' ? 'violet' : 'cyan'}>
                          {target.kind === 'idea' ? 'Idea' : 'Article'}
                        </Badge>
                        <Anchor
                          component={Link}
                          to={target.kind === 'idea' ? ideaHref(target.id) : contentHref(target.id)}
                          size="sm"
                          lineClamp={1}
                        >
                          {target.title}
                        </Anchor>
                        <Text size="xs" c="dimmed">
                          {target.role} · {target.status}
                        </Text>
                      </Group>
                    ))}
                  </Stack>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ListPanel>
    </Stack>
  );
}
