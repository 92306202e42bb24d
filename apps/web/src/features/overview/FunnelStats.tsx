import { Paper, SimpleGrid, Skeleton, Text, Tooltip } from '@mantine/core';
import { Link } from 'react-router';
import type { Funnel } from '@igny8/contracts';
import { siteHomePath } from '../sites/sitePaths';
import classes from './overview.module.css';
import { share, stages, statStages, type StageId } from './pipeline';

function subline(id: StageId, f: Funnel): { text: string; color?: string } {
  if (id === 'clustered') return { text: `${share(f.clusteredKeywords, f.keywords) ?? '0%'} of keywords` };
  if (id === 'images' && f.failedImages > 0)
    return { text: `${f.failedImages.toLocaleString('en-US')} failed`, color: 'red.7' };
  return { text: stages[id].hint };
}

/** One card per stage; every card is a link to the page that lists what it counts. */
export function FunnelStats({
  funnel,
  accountId,
  siteId,
}: {
  funnel: Funnel | undefined;
  accountId: string;
  siteId: string;
}) {
  return (
    <SimpleGrid cols={{ base: 2, xs: 3, sm: 4, lg: 7 }} spacing="sm">
      {statStages.map((id) => {
        const stage = stages[id];
        if (!funnel) return <Skeleton key={id} h={96} radius="md" />;
        const sub = subline(id, funnel);
        const value = stage.value(funnel);
        return (
          <Tooltip
            key={id}
            label={`${stage.label}: ${stage.hint.toLowerCase()}. Click to open the list.`}
            openDelay={400}
            withArrow
          >
            <Paper
              component={Link}
              to={siteHomePath(accountId, siteId, stage.sub)}
              withBorder
              radius="md"
              p="md"
              className={classes.statCard}
              data-testid={`funnel-${id}`}
              aria-label={`${stage.label}: ${value}`}
            >
              <Text size="xs" c="dimmed" tt="uppercase" fw={600} truncate="end">
                {stage.short ?? stage.label}
              </Text>
              <Text fz={26} fw={700} lh={1.3} data-testid={`funnel-${id}-value`}>
                {value.toLocaleString('en-US')}
              </Text>
              <Text size="xs" c={sub.color ?? 'dimmed'} lineClamp={2}>
                {sub.text}
              </Text>
            </Paper>
          </Tooltip>
        );
      })}
    </SimpleGrid>
  );
}
