import { useMemo } from 'react';
import { Alert, Badge, Group, Progress, RingProgress, Stack, Table, Text, Tooltip } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconAlertTriangle } from '@tabler/icons-react';
import { contentScore, type Content, type ScoreItem } from '@igny8/contracts';
import { scoreColor } from './scoreColor';

const statusColor: Record<ScoreItem['status'], string> = { good: 'teal', fair: 'yellow', poor: 'red' };

/**
 * The content score, recomputed as the article is edited (the same pure function the server
 * stores on save), with its breakdown and where each keyword is used.
 */
export function ScorePanel(props: {
  content: Content;
  values: { title: string; bodyHtml: string; metaTitle: string; metaDescription: string };
}) {
  const { content } = props;
  const [values] = useDebouncedValue(props.values, 250);
  const score = useMemo(
    () =>
      contentScore({
        ...values,
        primaryKeyword: content.primaryKeyword,
        targetWordCount: content.targetWordCount,
        ...content.scoreContext,
      }),
    [values, content.primaryKeyword, content.targetWordCount, content.scoreContext],
  );
  const color = scoreColor(score.score);

  return (
    <Stack gap="sm" data-testid="content-score">
      <Group justify="space-between" wrap="nowrap">
        <div>
          <Text size="sm" fw={600}>
            Content score
          </Text>
          <Text size="xs" c="dimmed">
            Updates as you edit · saved with the article
          </Text>
        </div>
        <RingProgress
          size={64}
          thickness={6}
          roundCaps
          sections={[{ value: score.score, color }]}
          label={
            <Text ta="center" fw={700} size="md" data-testid="content-score-value">
              {score.score}
            </Text>
          }
        />
      </Group>

      {score.cannibalisation.length ? (
        <Alert
          variant="light"
          color="orange"
          icon={<IconAlertTriangle size={16} />}
          p="xs"
          data-testid="content-score-cannibalisation"
        >
          <Text size="xs">
            Another article of this site targets “{content.primaryKeyword}”:{' '}
            {score.cannibalisation.map((c) => `“${c.title}”`).join(', ')}. They compete for the same searches.
          </Text>
        </Alert>
      ) : null}

      <Stack gap={6}>
        {score.items.map((i) => (
          <div key={i.key} data-testid={`score-item-${i.key}`} data-status={i.status}>
            <Group justify="space-between" gap="xs" wrap="nowrap">
              <Text size="xs" fw={500}>
                {i.label}
              </Text>
              <Text size="xs" c="dimmed">
                {i.points}/{i.max}
              </Text>
            </Group>
            <Progress value={(i.points / i.max) * 100} color={statusColor[i.status]} size="xs" />
            <Text size="xs" c="dimmed" mt={2}>
              {i.message}
            </Text>
          </div>
        ))}
      </Stack>

      <div>
        <Text size="xs" fw={600} mb={4}>
          Where each keyword is used
        </Text>
        <Table
          withRowBorders={false}
          verticalSpacing={2}
          horizontalSpacing={4}
          fz="xs"
          data-testid="content-score-keywords"
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Keyword</Table.Th>
              <Table.Th ta="right">Headings</Table.Th>
              <Table.Th ta="center">1st ¶</Table.Th>
              <Table.Th ta="right">Body</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {score.keywords.map((k) => (
              <Table.Tr key={k.keyword}>
                <Table.Td>
                  {k.primary ? (
                    <Tooltip label="Primary keyword">
                      <Badge size="xs" variant="light" mr={4}>
                        1°
                      </Badge>
                    </Tooltip>
                  ) : null}
                  <Text span size="xs" c={k.inBody ? undefined : 'red'}>
                    {k.keyword}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">{k.inHeadings}</Table.Td>
                <Table.Td ta="center">{k.inFirstParagraph ? '✓' : '–'}</Table.Td>
                <Table.Td ta="right">{k.inBody}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </div>
    </Stack>
  );
}
