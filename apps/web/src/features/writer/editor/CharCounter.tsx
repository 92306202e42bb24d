import { Text } from '@mantine/core';
import { metaCounter, toneColor } from './metaCounter';

/** "42/60" under a meta field, orange when little room is left, red past the limit. */
export function CharCounter({ value, limit, testId }: { value: string; limit: number; testId: string }) {
  const c = metaCounter(value, limit);
  return (
    <Text
      component="span"
      size="xs"
      c={toneColor[c.tone]}
      fw={c.over ? 600 : undefined}
      data-testid={testId}
      data-over={c.over ? 'true' : 'false'}
      aria-live="polite"
    >
      {c.label}
    </Text>
  );
}
