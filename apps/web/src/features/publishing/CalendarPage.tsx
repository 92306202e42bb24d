import { useMemo, useState, type DragEvent } from 'react';
import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Paper,
  ScrollArea,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import type { CalendarItem } from '@igny8/contracts';
import { useContents } from '../../api/queries/contents';
import { useCalendar, usePublications, usePublish, useReschedule } from '../../api/queries/publishing';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { useSite } from '../sites/context';
import { useStartedTask } from '../tasks/useStartedTask';
import {
  canDropOn,
  dayKey,
  dropTime,
  rangeOf,
  rescheduleTarget,
  shift,
  viewTitle,
  visibleDays,
  type CalendarView,
} from './calendar';
import { CalendarItemCard } from './CalendarItemCard';
import { usePublishAccess } from './usePublishAccess';

const weekdays = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
/** What is being dragged: a calendar item (moved) or an approved article (scheduled). */
type Dragged = { kind: 'item'; contentId: string; at: string } | { kind: 'article'; contentId: string };

/**
 * The site's publishing calendar, month or week: scheduled, published and failed articles. Drag a
 * scheduled (or failed) item to another day to reschedule it (same time of day); drag an approved
 * article from the side list onto a day to schedule it.
 */
export function CalendarPage() {
  const { accountId, siteId, site } = useSite();
  const { canPublish } = usePublishAccess();
  const [view, setView] = useState<CalendarView>('month');
  const [anchor, setAnchor] = useState(() => new Date());
  const [dragged, setDragged] = useState<Dragged | null>(null);
  const [over, setOver] = useState<string | null>(null);
  const range = useMemo(() => rangeOf(view, anchor), [view, anchor]);
  const calendar = useCalendar(accountId, siteId, range.from, range.to);
  const approved = useContents(accountId, siteId, { status: 'approved', limit: 50, offset: 0 });
  const publications = usePublications(accountId, siteId);
  const reschedule = useReschedule(accountId, siteId);
  const publish = usePublish(accountId, siteId);
  const started = useStartedTask();
  const days = visibleDays(view, anchor);

  const byDay = useMemo(() => {
    const map = new Map<string, CalendarItem[]>();
    for (const item of calendar.data?.items ?? []) {
      const key = dayKey(new Date(item.at));
      map.set(key, [...(map.get(key) ?? []), item]);
    }
    return map;
  }, [calendar.data]);
  // Approved articles with nothing scheduled or on its way anywhere, whatever month is shown.
  const planned = new Set(
    (publications.data?.items ?? [])
      .filter((p) => p.status === 'scheduled' || p.status === 'publishing')
      .map((p) => p.contentId),
  );
  const unscheduled = publications.isSuccess ? (approved.data?.items ?? []).filter((c) => !planned.has(c.id)) : [];

  const drop = (day: Date) => {
    setOver(null);
    if (!dragged || !canDropOn(day)) return;
    const onTask = (label: string) => (res: { taskId: string | null }) =>
      res.taskId && started({ taskId: res.taskId }, label);
    if (dragged.kind === 'item') {
      const at = rescheduleTarget(dragged.at, day);
      if (at)
        reschedule.mutate(
          { contentId: dragged.contentId, at: at.toISOString() },
          { onSuccess: onTask('Rescheduling 1 article') },
        );
    } else {
      publish.mutate(
        { contentIds: [dragged.contentId], when: { mode: 'at', at: dropTime(day).toISOString() } },
        { onSuccess: onTask('Scheduling 1 article') },
      );
    }
    setDragged(null);
  };
  const dropTarget = (day: Date) => ({
    onDragOver: (e: DragEvent) => {
      if (!dragged || !canDropOn(day)) return;
      e.preventDefault();
      setOver(dayKey(day));
    },
    onDragLeave: () => setOver((k) => (k === dayKey(day) ? null : k)),
    onDrop: (e: DragEvent) => {
      e.preventDefault();
      drop(day);
    },
  });

  return (
    <Stack gap={0}>
      <PageHeader
        title="Calendar"
        description={`What ${site.name} publishes, and when. ${canPublish ? 'Drag an item to another day to reschedule it.' : ''}`}
        actions={
          <SegmentedControl
            value={view}
            onChange={(v) => setView(v as CalendarView)}
            data={[
              { value: 'month', label: 'Month' },
              { value: 'week', label: 'Week' },
            ]}
            data-testid="calendar-view"
          />
        }
      />
      <Group justify="space-between" mb="sm">
        <Group gap="xs">
          <ActionIcon
            variant="default"
            aria-label="Previous"
            onClick={() => setAnchor((a) => shift(view, a, -1))}
            data-testid="calendar-prev"
          >
            <IconChevronLeft size={16} />
          </ActionIcon>
          <Button variant="default" size="xs" onClick={() => setAnchor(new Date())}>
            Today
          </Button>
          <ActionIcon
            variant="default"
            aria-label="Next"
            onClick={() => setAnchor((a) => shift(view, a, 1))}
            data-testid="calendar-next"
          >
            <IconChevronRight size={16} />
          </ActionIcon>
          <Title order={4} data-testid="calendar-title">
            {viewTitle(view, anchor)}
          </Title>
        </Group>
        <Group gap={6}>
          <Badge color="blue" variant="light">
            Scheduled
          </Badge>
          <Badge color="teal" variant="light">
            Published
          </Badge>
          <Badge color="red" variant="light">
            Failed
          </Badge>
        </Group>
      </Group>
      {calendar.isError ? <QueryError error={calendar.error} onRetry={() => void calendar.refetch()} /> : null}
      <Group align="flex-start" gap="md" wrap="nowrap">
        <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
          <SimpleGrid cols={7} spacing={4} verticalSpacing={4}>
            {weekdays.map((d) => (
              <Text key={d} size="xs" c="dimmed" fw={600} ta="center">
                {d}
              </Text>
            ))}
            {days.map((day) => {
              const key = dayKey(day);
              const inMonth = view === 'week' || day.getMonth() === anchor.getMonth();
              const today = key === dayKey(new Date());
              return (
                <Paper
                  key={key}
                  withBorder
                  radius="sm"
                  p={4}
                  mih={view === 'week' ? 360 : 104}
                  bg={
                    over === key
                      ? 'var(--mantine-color-blue-light)'
                      : inMonth
                        ? undefined
                        : 'var(--mantine-color-gray-light)'
                  }
                  data-testid={`calendar-day-${key}`}
                  {...dropTarget(day)}
                >
                  <Text size="xs" fw={today ? 700 : 400} c={today ? 'blue' : inMonth ? undefined : 'dimmed'} mb={2}>
                    {day.getDate()}
                  </Text>
                  <Stack gap={3}>
                    {(byDay.get(key) ?? []).map((item) => (
                      <CalendarItemCard
                        key={item.contentId}
                        item={item}
                        draggable={canPublish && (item.status === 'scheduled' || item.status === 'failed')}
                        onDragStart={() => setDragged({ kind: 'item', contentId: item.contentId, at: item.at })}
                        onDragEnd={() => setDragged(null)}
                      />
                    ))}
                  </Stack>
                </Paper>
              );
            })}
          </SimpleGrid>
        </Stack>
        {canPublish ? (
          <Paper withBorder radius="md" p="sm" w={240} data-testid="calendar-unscheduled">
            <Text fw={600} size="sm">
              Approved, not scheduled
            </Text>
            <Text size="xs" c="dimmed" mb="xs">
              Drag one onto a day to schedule it.
            </Text>
            <ScrollArea.Autosize mah={520}>
              <Stack gap={4}>
                {unscheduled.map((c) => (
                  <Paper
                    key={c.id}
                    withBorder
                    p={6}
                    radius="sm"
                    draggable
                    onDragStart={(e) => {
                      e.dataTransfer.setData('text/plain', c.id);
                      setDragged({ kind: 'article', contentId: c.id });
                    }}
                    onDragEnd={() => setDragged(null)}
                    style={{ cursor: 'grab' }}
                    data-testid={`calendar-article-${c.id}`}
                  >
                    <Text size="xs" lineClamp={2}>
                      {c.title}
                    </Text>
                  </Paper>
                ))}
                {unscheduled.length === 0 ? (
                  <Text size="xs" c="dimmed">
                    None waiting.
                  </Text>
                ) : null}
              </Stack>
            </ScrollArea.Autosize>
          </Paper>
        ) : null}
      </Group>
    </Stack>
  );
}
