import { useState } from 'react';
import { Badge, Button, Code, Group, Paper, Select, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { IconDownload, IconHistory } from '@tabler/icons-react';
import { auditActions, type AuditEvent } from '@igny8/contracts';
import { downloadAuditCsv, useAuditLog, type AuditFilter } from '../../api/queries/security';
import { EmptyState } from '../../components/EmptyState';
import { QueryError } from '../../components/QueryError';
import { LoadingRows } from '../../components/table/LoadingRows';
import { TablePager } from '../../components/table/TablePager';
import { saveBlob } from '../../lib/download';
import { notifyError } from '../../lib/notify';
import { formatDateTime } from '../../lib/dates';

const PAGE = 50;
const groups = [...new Set(auditActions.map((a) => `${a.split('.')[0]}.`))];

function describeDetails(e: AuditEvent): string {
  const entries = Object.entries(e.details);
  return entries.length
    ? entries.map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`).join(', ')
    : '';
}

/** One audit log view (an account's or the platform's): filters, server-side paging, CSV export of the filter. */
export function AuditTable({
  base,
  extra,
  showAccount,
}: {
  base: string;
  extra?: Partial<AuditFilter>;
  showAccount?: boolean;
}) {
  const [action, setAction] = useState<string | null>(null);
  const [actor, setActor] = useState('');
  const [page, setPage] = useState(1);
  const filter: AuditFilter = {
    ...extra,
    action: action ?? undefined,
    actor: actor.trim() || undefined,
    limit: PAGE,
    offset: (page - 1) * PAGE,
  };
  const log = useAuditLog(base, filter);
  const [exporting, setExporting] = useState(false);
  const exportCsv = async () => {
    setExporting(true);
    try {
      const { blob, filename } = await downloadAuditCsv(base, filter);
      saveBlob(blob, filename);
    } catch (err) {
      notifyError(err, 'Could not export the audit log');
    } finally {
      setExporting(false);
    }
  };
  return (
    <Paper withBorder radius="md">
      <Group p="md" gap="sm" wrap="wrap">
        <Select
          placeholder="Every action"
          clearable
          searchable
          data={[
            ...groups.map((g) => ({ value: g, label: `${g.slice(0, -1)} (all)` })),
            ...auditActions.map((a) => ({ value: a, label: a })),
          ]}
          value={action}
          onChange={(v) => (setAction(v), setPage(1))}
          w={260}
          data-testid="audit-action"
        />
        <TextInput
          placeholder="Who (email)"
          value={actor}
          onChange={(e) => (setActor(e.currentTarget.value), setPage(1))}
          w={220}
          data-testid="audit-actor"
        />
        <Button
          variant="light"
          leftSection={<IconDownload size={16} />}
          loading={exporting}
          onClick={() => void exportCsv()}
          ml="auto"
          data-testid="audit-export"
        >
          Export CSV
        </Button>
      </Group>
      {log.isError ? <QueryError error={log.error} onRetry={() => void log.refetch()} /> : null}
      <Table.ScrollContainer minWidth={760}>
        <Table verticalSpacing="xs" data-testid="audit-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>When</Table.Th>
              <Table.Th>Who</Table.Th>
              <Table.Th>What</Table.Th>
              <Table.Th>Target</Table.Th>
              <Table.Th>From</Table.Th>
              {showAccount ? <Table.Th>Account</Table.Th> : null}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {log.isPending ? <LoadingRows rows={5} colSpan={showAccount ? 6 : 5} /> : null}
            {log.data?.items.map((e) => (
              <Table.Tr key={e.id} data-testid="audit-row">
                <Table.Td>
                  <Text size="sm">{formatDateTime(e.createdAt)}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{e.actor.email ?? '—'}</Text>
                  {e.actor.via !== 'session' ? (
                    <Badge size="xs" variant="light" color={e.actor.via === 'api_token' ? 'indigo' : 'gray'}>
                      {e.actor.via === 'api_token' ? 'API token' : e.actor.via}
                    </Badge>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  <Code>{e.action}</Code>
                  {describeDetails(e) ? (
                    <Text size="xs" c="dimmed" lineClamp={2}>
                      {describeDetails(e)}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{e.target?.label ?? e.target?.id ?? '—'}</Text>
                </Table.Td>
                <Table.Td>
                  <Tooltip label={e.userAgent ?? 'unknown client'} withArrow>
                    <Text size="sm">{e.ip ?? '—'}</Text>
                  </Tooltip>
                </Table.Td>
                {showAccount ? (
                  <Table.Td>
                    <Text size="xs" c="dimmed">
                      {e.accountId ?? 'platform'}
                    </Text>
                  </Table.Td>
                ) : null}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {log.data && log.data.total === 0 ? (
        <EmptyState icon={IconHistory} title="Nothing recorded" description="No event matches these filters." />
      ) : null}
      {log.data ? (
        <TablePager total={log.data.total} page={page} pageSize={PAGE} onPage={setPage} noun="events" />
      ) : null}
    </Paper>
  );
}
