import { Badge, Tooltip } from '@mantine/core';

const sources = {
  ai: { label: 'AI', color: 'violet', hint: 'Written by the AI provider' },
  template: { label: 'Template', color: 'gray', hint: 'Written offline from a template (no AI provider configured)' },
  user: { label: 'Edited', color: 'blue', hint: 'Written or changed by a person' },
} as const;

export function SourceBadge({ source }: { source: keyof typeof sources }) {
  const s = sources[source];
  return (
    <Tooltip label={s.hint} withArrow openDelay={300}>
      <Badge size="xs" variant="light" color={s.color} data-testid="source-badge">
        {s.label}
      </Badge>
    </Tooltip>
  );
}
