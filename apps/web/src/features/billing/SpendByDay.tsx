import { useState } from 'react';
import { Box, Group, Stack, Text, Tooltip } from '@mantine/core';

/** Credits charged per day of the period, as bars (days without charges show as gaps). */
export function SpendByDay({ days, from, to }: { days: { day: string; credits: number }[]; from: string; to: string }) {
  const [now] = useState(() => Date.now());
  const byDay = new Map(days.map((d) => [d.day, d.credits]));
  const all: { day: string; credits: number }[] = [];
  const end = Math.min(Date.parse(to), now);
  for (let t = Date.parse(from.slice(0, 10)); t <= end; t += 86_400_000) {
    const day = new Date(t).toISOString().slice(0, 10);
    all.push({ day, credits: byDay.get(day) ?? 0 });
  }
  const max = Math.max(1, ...all.map((d) => d.credits));
  return (
    <Stack gap={4} data-testid="billing-spend-by-day">
      <Group gap={2} align="flex-end" h={120} wrap="nowrap">
        {all.map((d) => (
          <Tooltip
            key={d.day}
            label={`${new Date(`${d.day}T00:00:00Z`).toLocaleDateString(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' })}: ${d.credits.toLocaleString()} credits`}
          >
            <Box
              style={{
                flex: 1,
                minWidth: 3,
                height: `${Math.max(d.credits > 0 ? 3 : 1, (d.credits / max) * 100)}%`,
                borderRadius: 2,
              }}
              bg={d.credits > 0 ? 'indigo.5' : 'gray.2'}
              data-day={d.day}
              data-credits={d.credits}
            />
          </Tooltip>
        ))}
      </Group>
      <Group justify="space-between">
        <Text size="xs" c="dimmed">
          {new Date(from).toLocaleDateString()}
        </Text>
        <Text size="xs" c="dimmed">
          today
        </Text>
      </Group>
    </Stack>
  );
}
