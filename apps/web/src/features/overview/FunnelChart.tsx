import { Box, Group, Paper, Skeleton, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { Funnel } from '@igny8/contracts';
import { siteHomePath } from '../sites/sitePaths';
import classes from './overview.module.css';
import { funnelChartStages, share, stages } from './pipeline';

const shades = ['indigo.8', 'indigo.7', 'indigo.6', 'indigo.5', 'violet.5', 'grape.5'];

/**
 * The pipeline as a funnel: one centred bar per stage, as wide as its count relative to the
 * largest. Each row links to the stage's page; the right column also says what share of an
 * earlier stage made it this far (clustered of keywords, queued of ideas, content of queued).
 */
export function FunnelChart({
  funnel,
  accountId,
  siteId,
}: {
  funnel: Funnel | undefined;
  accountId: string;
  siteId: string;
}) {
  const values = funnel ? funnelChartStages.map((id) => stages[id].value(funnel)) : [];
  const max = Math.max(0, ...values);

  return (
    <Paper withBorder radius="md" p="lg" data-testid="funnel-chart">
      <Group justify="space-between" mb="sm" wrap="wrap" gap="xs">
        <div>
          <Text fw={600}>Pipeline funnel</Text>
          <Text size="sm" c="dimmed">
            How far this site’s keywords have come, from research to illustrated articles.
          </Text>
        </div>
      </Group>
      <Stack gap={2} role="list" aria-label="Pipeline funnel">
        {funnelChartStages.map((id, i) => {
          const stage = stages[id];
          if (!funnel) return <Skeleton key={id} h={30} my={2} />;
          const value = values[i]!;
          const pct = max > 0 ? (value / max) * 100 : 0;
          const base = stage.shareOf ? stages[stage.shareOf] : null;
          const conversion = base ? share(value, base.value(funnel)) : null;
          return (
            <Link
              key={id}
              to={siteHomePath(accountId, siteId, stage.sub)}
              className={classes.barRow}
              role="listitem"
              data-testid={`funnel-bar-${id}`}
            >
              <Text size="sm" fw={500} truncate="end">
                {stage.label}
              </Text>
              <div className={classes.barTrack}>
                <Box
                  className={classes.bar}
                  bg={shades[i]}
                  style={{ width: `${value > 0 ? Math.max(pct, 1.5) : 0}%` }}
                />
              </div>
              <Group gap={6} justify="flex-end" wrap="nowrap">
                <Text size="sm" fw={700}>
                  {value.toLocaleString('en-US')}
                </Text>
                {conversion && base ? (
                  <Text size="xs" c="dimmed" w={34} ta="right" title={`${conversion} of ${base.label.toLowerCase()}`}>
                    {conversion}
                  </Text>
                ) : (
                  <Box w={34} />
                )}
              </Group>
            </Link>
          );
        })}
      </Stack>
    </Paper>
  );
}
