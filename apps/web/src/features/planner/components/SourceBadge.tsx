import { Badge, Tooltip } from '@mantine/core';
import { authorshipMeta, type Authorship } from '../../../lib/authorship';

export function SourceBadge({ source }: { source: Authorship }) {
  const s = authorshipMeta[source];
  return (
    <Tooltip label={s.hint} withArrow openDelay={300}>
      <Badge size="xs" variant="light" color={s.color} data-testid="source-badge">
        {s.label}
      </Badge>
    </Tooltip>
  );
}
