import { Anchor, Paper, Stack, Table, Text } from '@mantine/core';
import { IconLinkOff } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useOrphanReport } from '../../api/queries/writing';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { useSite } from '../sites/context';
import { contentEditorPath } from '../writer/paths';

/** `links`: the site's articles that no other article links to. */
export function OrphanReportPage() {
  const { accountId, siteId } = useSite();
  const report = useOrphanReport(accountId, siteId);
  return (
    <Stack gap={0}>
      <PageHeader
        title="Internal links"
        description={
          report.data
            ? `${report.data.total} of ${report.data.articles} articles have no link from another article of this site. Open one to see which articles mention it.`
            : 'Articles no other article of this site links to.'
        }
      />
      {report.isError ? <QueryError error={report.error} onRetry={() => void report.refetch()} /> : null}
      <Paper withBorder radius="md">
        <Table verticalSpacing="xs" data-testid="orphan-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Article with no inbound link</Table.Th>
              <Table.Th>Primary keyword</Table.Th>
              <Table.Th ta="right">Links it makes</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {report.data?.items.map((o) => (
              <Table.Tr key={o.contentId} data-testid="orphan-row">
                <Table.Td>
                  <Anchor component={Link} to={contentEditorPath(accountId, siteId, o.contentId)} size="sm">
                    {o.title}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{o.primaryKeyword}</Text>
                </Table.Td>
                <Table.Td ta="right">{o.outboundLinks}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {report.data && report.data.items.length === 0 ? (
          <EmptyState
            icon={IconLinkOff}
            title="Every article has an inbound link"
            description="Nothing is orphaned on this site."
          />
        ) : null}
      </Paper>
    </Stack>
  );
}
