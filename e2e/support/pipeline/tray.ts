import { expect, type Page, type Response } from '@playwright/test';
import type { TaskStatus } from '@igny8/contracts';

/** Task tray helpers: start a task from the UI, find it in the tray, sample its progress bar. */

const TERMINAL: readonly string[] = ['succeeded', 'failed', 'cancelled', 'partial'];
export const isTerminal = (status: string | null | undefined): boolean => !!status && TERMINAL.includes(status);

/**
 * Clicks `trigger` and returns the id of the background task its `202 { taskId }` answer names
 * (the request matching `path`).
 */
export async function startTaskFromUi(page: Page, path: RegExp, trigger: () => Promise<void>): Promise<string> {
  const answer = page.waitForResponse(
    (r: Response) => r.request().method() === 'POST' && path.test(new URL(r.url()).pathname),
  );
  await trigger();
  const res = await answer;
  expect(res.status(), `${res.request().method()} ${res.url()}`).toBe(202);
  const body = (await res.json()) as { taskId?: unknown };
  expect(typeof body.taskId, 'the answer names a task').toBe('string');
  return body.taskId as string;
}

/** Opens the task tray (a popover from the header) unless it is open. */
export async function openTray(page: Page): Promise<void> {
  const tray = page.getByTestId('task-tray');
  if (await tray.isVisible()) return;
  await page.getByTestId('task-tray-button').click();
  await expect(tray).toBeVisible();
}

export async function closeTray(page: Page): Promise<void> {
  const tray = page.getByTestId('task-tray');
  if (!(await tray.isVisible())) return;
  await page.getByTestId('task-tray-button').click();
  await expect(tray).toBeHidden();
}

/** Waits in the tray until the task ends, expects `status`, and closes the tray again. */
export async function expectTaskInTray(
  page: Page,
  taskId: string,
  status: TaskStatus = 'succeeded',
  timeout = 90_000,
): Promise<void> {
  await openTray(page);
  const tray = page.getByTestId('task-tray');
  await expect(tray.getByTestId(`task-item-${taskId}`)).toBeVisible();
  const progress = tray.getByTestId(`task-progress-${taskId}`);
  await expect(progress).toHaveAttribute('data-status', /^(succeeded|failed|cancelled|partial)$/, { timeout });
  await expect(progress).toHaveAttribute('data-status', status);
  await expect(progress).toHaveAttribute('data-percent', '100');
  await closeTray(page);
}

export interface ProgressSample {
  tab: string;
  /** Which page load of the tab (reloads count up). */
  load: number;
  at: number;
  percent: number;
  status: string;
  /** Where the bar was: the tray popover or the dock. */
  where: 'tray' | 'dock' | 'other';
}

/**
 * Reads the task's progress bar(s) in every registered tab, over and over, until stopped: the
 * record of what the user saw. A tab in the middle of a reload simply yields no sample.
 */
export class ProgressSampler {
  readonly samples: ProgressSample[] = [];
  private readonly tabs = new Map<string, { page: Page; load: number }>();
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly taskId: string,
    private readonly intervalMs = 200,
  ) {}

  watch(tab: string, page: Page): void {
    const entry = { page, load: 0 };
    this.tabs.set(tab, entry);
    page.on('load', () => {
      entry.load++;
    });
  }

  start(): void {
    this.running = (async () => {
      while (!this.stopped) {
        for (const [tab, entry] of this.tabs) await this.sample(tab, entry.page, entry.load);
        await new Promise((resolve) => setTimeout(resolve, this.intervalMs));
      }
    })();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.running;
  }

  private async sample(tab: string, page: Page, load: number): Promise<void> {
    if (page.isClosed()) return;
    const found = await page
      .evaluate((id) => {
        return Array.from(document.querySelectorAll(`[data-testid="task-progress-${id}"]`)).map((el) => ({
          percent: Number(el.getAttribute('data-percent')),
          status: el.getAttribute('data-status') ?? '',
          where: el.closest('[data-testid="task-tray"]')
            ? 'tray'
            : el.closest('[data-testid="task-dock"]')
              ? 'dock'
              : 'other',
        }));
      }, this.taskId)
      .catch(() => [] as { percent: number; status: string; where: string }[]); // navigating: no document to read
    for (const f of found) {
      this.samples.push({
        tab,
        load,
        at: Date.now(),
        percent: f.percent,
        status: f.status,
        where: f.where as ProgressSample['where'],
      });
    }
  }

  of(tab: string): ProgressSample[] {
    return this.samples.filter((s) => s.tab === tab);
  }

  /** The last status seen in `tab`. */
  lastStatus(tab: string): string | undefined {
    return this.of(tab).at(-1)?.status;
  }

  /** Places where the percent went down, or a task went from an end state back to running. */
  regressions(tab: string): string[] {
    const out: string[] = [];
    const seq = this.of(tab);
    for (let i = 1; i < seq.length; i++) {
      const a = seq[i - 1]!;
      const b = seq[i]!;
      if (b.percent < a.percent) out.push(`${tab}: ${a.percent}% (load ${a.load}) → ${b.percent}% (load ${b.load})`);
      if (isTerminal(a.status) && !isTerminal(b.status)) out.push(`${tab}: ${a.status} → ${b.status}`);
    }
    return out;
  }
}
