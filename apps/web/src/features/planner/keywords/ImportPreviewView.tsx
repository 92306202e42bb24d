import { Badge, Group, Paper, ScrollArea, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { plural, type ImportPreview } from '@igny8/contracts';
import { formatNumber } from './labels';

const delimiterNames: Record<string, string> = { ',': 'Comma', ';': 'Semicolon', '\t': 'Tab', '|': 'Pipe' };
const fieldNames: Record<string, string> = {
  phrase: 'Keyword',
  volume: 'Volume',
  difficulty: 'Difficulty',
  cpc: 'CPC',
  intent: 'Intent',
};

function Stat(props: { label: string; value: string; color?: string; testId: string }) {
  return (
    <Paper withBorder radius="md" p="xs">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {props.label}
      </Text>
      <Text fw={700} c={props.color} data-testid={props.testId}>
        {props.value}
      </Text>
    </Paper>
  );
}

/** The preview in one sentence, worded as the result will be. */
function importSummary(p: ImportPreview): string {
  const parts = [`${plural(p.newKeywords, 'keyword')} will be added`];
  if (p.existingKeywords > 0) parts.push(`${plural(p.existingKeywords, 'keyword')} already on the site will be merged`);
  if (p.duplicateRows > 0) parts.push(`${plural(p.duplicateRows, 'repeated row')} combined`);
  return parts.join(', ');
}

/** What the server found in the file: delimiter, columns, the first rows, duplicates and every bad row. */
export function ImportPreviewView({ preview: p }: { preview: ImportPreview }) {
  return (
    <Stack gap="md" data-testid="import-preview">
      {/* The same categories the result reports: new keywords are added, keywords already on the site are merged. */}
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs">
        <Stat label="Rows" value={p.totalRows.toLocaleString()} testId="import-total" />
        <Stat label="New keywords" value={p.newKeywords.toLocaleString()} color="teal" testId="import-new" />
        <Stat label="Already on the site" value={p.existingKeywords.toLocaleString()} testId="import-existing" />
        <Stat
          label="Repeated in the file"
          value={p.duplicateRows.toLocaleString()}
          color={p.duplicateRows ? 'yellow.8' : undefined}
          testId="import-duplicates"
        />
      </SimpleGrid>
      <Text size="xs" c="dimmed" data-testid="import-summary">
        {importSummary(p)} · {delimiterNames[p.delimiter] ?? JSON.stringify(p.delimiter)}-separated
      </Text>

      <div>
        <Text size="sm" fw={600} mb={6}>
          Columns
        </Text>
        <Group gap={6} data-testid="import-mapping">
          {p.headers.map((h) => {
            const field = p.mapping[h] ?? null;
            return (
              <Badge
                key={h}
                variant={field ? 'light' : 'outline'}
                color={field ? 'indigo' : 'gray'}
                tt="none"
                size="lg"
                fw={500}
              >
                {h || '(blank)'} → {field ? (fieldNames[field] ?? field) : 'ignored'}
              </Badge>
            );
          })}
        </Group>
      </div>

      {p.preview.length > 0 ? (
        <div>
          <Text size="sm" fw={600} mb={6}>
            First rows
          </Text>
          <Paper withBorder radius="md">
            <ScrollArea.Autosize mah={220}>
              <Table fz="xs" verticalSpacing={4} striped data-testid="import-preview-rows">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={60}>Line</Table.Th>
                    <Table.Th>Keyword</Table.Th>
                    <Table.Th ta="right">Volume</Table.Th>
                    <Table.Th ta="right">Difficulty</Table.Th>
                    <Table.Th ta="right">CPC</Table.Th>
                    <Table.Th>Intent</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {p.preview.map((r) => (
                    <Table.Tr key={r.line}>
                      <Table.Td c="dimmed">{r.line}</Table.Td>
                      <Table.Td>{r.phrase}</Table.Td>
                      <Table.Td ta="right">{formatNumber(r.volume ?? null)}</Table.Td>
                      <Table.Td ta="right">{formatNumber(r.difficulty ?? null)}</Table.Td>
                      <Table.Td ta="right">{r.cpc == null ? '—' : r.cpc.toFixed(2)}</Table.Td>
                      <Table.Td>{r.intent ?? '—'}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollArea.Autosize>
          </Paper>
        </div>
      ) : null}

      {p.skippedLines.length > 0 ? (
        <Text size="xs" c="dimmed" data-testid="import-skipped">
          Title line{p.skippedLines.length === 1 ? '' : 's'} {p.skippedLines.join(', ')} above the header skipped · read
          as {p.encoding.toUpperCase()}
        </Text>
      ) : null}

      {p.changes.length > 0 ? (
        <div>
          <Text size="sm" fw={600} c="orange.8" mb={6}>
            {p.changedKeywords.toLocaleString()} existing keyword{p.changedKeywords === 1 ? '' : 's'} would change
          </Text>
          <Paper withBorder radius="md" style={{ borderColor: 'var(--mantine-color-orange-3)' }}>
            <ScrollArea.Autosize mah={200}>
              <Table fz="xs" verticalSpacing={4} data-testid="import-changes">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={60}>Line</Table.Th>
                    <Table.Th>Keyword</Table.Th>
                    <Table.Th w={100}>Field</Table.Th>
                    <Table.Th ta="right">Now</Table.Th>
                    <Table.Th ta="right">After import</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {p.changes.map((c) => (
                    <Table.Tr key={`${c.line}-${c.field}`} data-testid="import-change-row">
                      <Table.Td c="dimmed">{c.line}</Table.Td>
                      <Table.Td>{c.phrase}</Table.Td>
                      <Table.Td>{fieldNames[c.field] ?? c.field}</Table.Td>
                      <Table.Td ta="right">{typeof c.from === 'number' ? formatNumber(c.from) : c.from}</Table.Td>
                      <Table.Td ta="right" fw={600}>
                        {typeof c.to === 'number' ? formatNumber(c.to) : c.to}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollArea.Autosize>
          </Paper>
        </div>
      ) : null}

      {p.errors.length > 0 ? (
        <div>
          <Text size="sm" fw={600} c="red" mb={6}>
            {p.errors.length.toLocaleString()}
            {p.errorsTruncated ? '+' : ''} row error{p.errors.length === 1 ? '' : 's'}
          </Text>
          <Paper withBorder radius="md" style={{ borderColor: 'var(--mantine-color-red-3)' }}>
            <ScrollArea.Autosize mah={200}>
              <Table fz="xs" verticalSpacing={4} data-testid="import-errors">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={60}>Line</Table.Th>
                    <Table.Th w={110}>Field</Table.Th>
                    <Table.Th>Problem</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {p.errors.map((e, i) => (
                    <Table.Tr key={`${e.line}-${e.field}-${i}`} data-testid="import-error-row">
                      <Table.Td>{e.line}</Table.Td>
                      <Table.Td>{e.field ? (fieldNames[e.field] ?? e.field) : '—'}</Table.Td>
                      <Table.Td>{e.message}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollArea.Autosize>
          </Paper>
          {p.errorsTruncated ? (
            <Text size="xs" c="dimmed" mt={4}>
              Only the first {p.errors.length.toLocaleString()} errors are listed.
            </Text>
          ) : null}
        </div>
      ) : null}
    </Stack>
  );
}
