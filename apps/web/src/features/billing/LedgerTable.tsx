import { useState } from 'react';
import { Badge, Button, Group, Pagination, Paper, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import type { LedgerKind } from '@igny8/contracts';
import { downloadLedgerCsv, useLedger } from '../../api/queries/billing';
import { QueryError } from '../../components/QueryError';
import { saveBlob } from '../../lib/download';
import { notifyError } from '../../lib/notify';
import { ledgerKindLabels, operationLabels, signedCredits } from './labels';
import { formatDateTime } from '../../lib/dates';

const PAGE = 25;

/** Every grant, reset, charge, refund and adjustment of the account, newest first (admins). */
export function LedgerTable({ accountId }: { accountId: string }) {
  const [kind, setKind] = useState<LedgerKind | 'all'>('all');
  const [page, setPage] = useState(1);
  const ledger = useLedger(accountId, {
    kind: kind === 'all' ? undefined : kind,
    limit: PAGE,
    offset: (page - 1) * PAGE,
  });
  const [exporting, setExporting] = useState(false);
  const items = ledger.data?.items ?? [];
  const pages = Math.max(1, Math.ceil((ledger.data?.total ?? 0) / PAGE));

  const exportCsv = async () => {
    setExporting(true);
    try {
      const { blob, filename } = await downloadLedgerCsv(accountId, kind === 'all' ? undefined : kind);
      saveBlob(blob, filename);
    } catch (e) {
      notifyError(e, 'Could not export the ledger');
    } finally {
      setExporting(false);
    }
  };

  return (
    <Paper withBorder radius="md" p="lg">
      <Group justify="space-between" mb="md" wrap="wrap">
        <Title order={5}>Ledger</Title>
        <Group gap="sm">
          <SegmentedControl
            size="xs"
            value={kind}
            onChange={(v) => {
              setKind(v as LedgerKind | 'all');
              setPage(1);
            }}
            data={[
              { value: 'all', label: 'All' },
              ...Object.entries(ledgerKindLabels).map(([value, k]) => ({ value, label: k.label })),
            ]}
            data-testid="ledger-kind"
          />
          <Button
            size="xs"
            variant="default"
            leftSection={<IconDownload size={14} />}
            loading={exporting}
            onClick={() => void exportCsv()}
            data-testid="ledger-export"
          >
            CSV
          </Button>
        </Group>
      </Group>
      {ledger.isError ? <QueryError error={ledger.error} onRetry={() => void ledger.refetch()} /> : null}
      <Stack gap="sm">
        <Table.ScrollContainer minWidth={720}>
          <Table verticalSpacing="xs" data-testid="ledger-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>When</Table.Th>
                <Table.Th>What</Table.Th>
                <Table.Th ta="right">Credits</Table.Th>
                <Table.Th ta="right">Balance after</Table.Th>
                <Table.Th>Why</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((e) => (
                <Table.Tr key={e.id} data-testid={`ledger-row-${e.kind}`}>
                  <Table.Td>
                    <Text size="sm">{formatDateTime(e.createdAt)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <Badge variant="light" color={ledgerKindLabels[e.kind].color} size="sm">
                        {ledgerKindLabels[e.kind].label}
                      </Badge>
                      {e.operation ? <Text size="sm">{operationLabels[e.operation]}</Text> : null}
                    </Group>
                  </Table.Td>
                  <Table.Td ta="right">
                    <Text size="sm" fw={600} c={e.amount < 0 ? undefined : 'teal.8'}>
                      {signedCredits(e.amount)}
                    </Text>
                    {e.pool === 'both' ? (
                      <Text size="xs" c="dimmed">
                        plan {signedCredits(e.planAmount)} · bonus {signedCredits(e.bonusAmount)}
                      </Text>
                    ) : (
                      <Text size="xs" c="dimmed">
                        {e.pool}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td ta="right">{e.balanceAfter.toLocaleString()}</Table.Td>
                  <Table.Td>
                    <Text size="sm" lineClamp={2}>
                      {e.reason ?? (e.taskRunId ? 'A task item' : '')}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {ledger.isSuccess && items.length === 0 ? (
          <Text size="sm" c="dimmed">
            Nothing here yet.
          </Text>
        ) : null}
        {pages > 1 ? <Pagination size="sm" total={pages} value={page} onChange={setPage} /> : null}
      </Stack>
    </Paper>
  );
}
