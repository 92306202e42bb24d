import { Badge, Group, List, Stack, Text, Title } from '@mantine/core';
import type { Idea } from '@igny8/contracts';
import { contentTypeLabel, ideaStatusMeta } from './labels';

/** An idea for readers (viewers): no inputs. */
export function IdeaView({ idea }: { idea: Idea }) {
  return (
    <Stack gap="md" data-testid="idea-view">
      <Title order={4}>{idea.title}</Title>
      <Text size="sm">{idea.summary || 'No summary.'}</Text>
      <Group gap="xs">
        <Badge variant="light">{contentTypeLabel[idea.contentType]}</Badge>
        <Badge variant="light" color={ideaStatusMeta[idea.status].color}>
          {ideaStatusMeta[idea.status].label}
        </Badge>
        <Badge variant="outline" color="gray">
          {idea.targetWordCount.toLocaleString()} words
        </Badge>
      </Group>
      <Text size="sm">
        <b>Primary keyword:</b> {idea.primaryKeyword}
      </Text>
      {idea.secondaryKeywords.length ? (
        <Text size="sm">
          <b>Secondary:</b> {idea.secondaryKeywords.join(', ')}
        </Text>
      ) : null}
      <div>
        <Text size="sm" fw={600} mb={4}>
          Outline
        </Text>
        <List size="sm" spacing={2}>
          {idea.outline.map((h, i) => (
            <List.Item key={i} ml={h.level === 3 ? 'lg' : 0} fw={h.level === 2 ? 600 : 400}>
              {h.text}
            </List.Item>
          ))}
        </List>
      </div>
    </Stack>
  );
}
