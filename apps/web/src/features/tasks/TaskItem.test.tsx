import { MantineProvider } from '@mantine/core';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { TaskRun } from '@igny8/contracts';
import { run } from './fixtures';
import { TaskItem } from './TaskItem';

const render = (r: TaskRun) =>
  renderToStaticMarkup(
    <MantineProvider>
      <TaskItem run={r} now={Date.parse(r.updatedAt)} canCancel={false} cancelling={false} onCancel={() => {}} />
    </MantineProvider>,
  );

describe('a task in the tray', () => {
  const progress = {
    phase: 'calling_ai' as const,
    current: 6,
    total: 20,
    percent: 30,
    message: 'Generating ideas (7 of 20)',
  };

  it('says "Worker lost, resuming…" where a frozen 6 of 20 would otherwise look like slow work', () => {
    const html = render(run('a', { stalled: true, progress }));
    expect(html).toContain('Worker lost, resuming…');
    expect(html).toContain('Last seen: Generating ideas (7 of 20)');
    expect(html).toContain('data-stalled="true"');
  });

  it('shows a beating task as running, with no word of a lost worker', () => {
    const html = render(run('b', { progress }));
    expect(html).toContain('Running');
    expect(html).not.toContain('Worker lost');
  });
});
