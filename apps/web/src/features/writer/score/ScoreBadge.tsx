import { Badge, Group, Tooltip } from '@mantine/core';
import type { ContentSummary } from '@igny8/contracts';
import { scoreColor } from './scoreColor';

/** The stored score and, when off target, the length status with its reason. */
export function ScoreBadge({
  content: c,
}: {
  content: Pick<ContentSummary, 'id' | 'score' | 'lengthStatus' | 'lengthNote' | 'wordCount' | 'targetWordCount'>;
}) {
  return (
    <Group gap={4} wrap="nowrap">
      {c.score === null ? (
        <Badge variant="default" size="sm" data-testid={`content-score-${c.id}`}>
          –
        </Badge>
      ) : (
        <Badge variant="light" color={scoreColor(c.score)} size="sm" data-testid={`content-score-${c.id}`}>
          {c.score}
        </Badge>
      )}
      <LengthBadge content={c} />
    </Group>
  );
}

export function LengthBadge({
  content: c,
}: {
  content: Pick<ContentSummary, 'id' | 'lengthStatus' | 'lengthNote' | 'wordCount' | 'targetWordCount'>;
}) {
  if (!c.lengthStatus || c.lengthStatus === 'ok') return null;
  const label = c.lengthNote ?? `${c.wordCount} words against a target of ${c.targetWordCount ?? '?'}`;
  return (
    <Tooltip label={label} withArrow multiline w={280}>
      <Badge
        variant="outline"
        color={c.lengthStatus === 'short' ? 'orange' : 'grape'}
        size="sm"
        data-testid={`content-length-${c.id}`}
      >
        {c.lengthStatus}
      </Badge>
    </Tooltip>
  );
}
