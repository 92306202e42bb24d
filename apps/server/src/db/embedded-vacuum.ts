import type { PGlite } from '@electric-sql/pglite';
import { nextTurn } from './pglite-turns';

/** How often the embedded database's tables are checked. */
export const VACUUM_CHECK_MS = 30_000;
/** Checks in a row that only analyse while tasks run, before the vacuum runs anyway (10: five minutes). */
export const MAX_DEFERRED_CHECKS = 10;

interface TableStats {
  schemaname: string;
  relname: string;
  n_live_tup: number;
  n_dead_tup: number;
  n_mod_since_analyze: number;
}

/**
 * PostgreSQL's autovacuum, for PGlite, which has none: dead rows left by updates and deletes
 * (imports that merge, auto-cluster assigning 100k keywords, pg-boss's job churn) would grow the
 * heap for ever and slow every scan, and the planner would keep the statistics of an empty table.
 * Every VACUUM_CHECK_MS the tables past autovacuum's default thresholds (dead rows > 50 + 20 % of
 * live rows; rows changed since the last analyze > 50 + 10 %) are vacuumed and analysed, one at a
 * time with a turn of the event loop between them (and between a table's VACUUM and its ANALYZE).
 * While this process runs tasks (`deferWhile`) a check only analyses, up to MAX_DEFERRED_CHECKS in a
 * row: a VACUUM of a 100k-row table holds the event loop for about 0.3 s, which the API should not pay
 * for in the middle of a run that is still dirtying the table. Never used on PostgreSQL, whose autovacuum does this.
 */
export class EmbeddedVacuum {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  /** tables processed, for tests and logs */
  readonly done: { table: string; action: 'vacuum analyze' | 'analyze' }[] = [];
  /** checks skipped in a row because tasks were running */
  private deferred = 0;
  private busy: () => boolean = () => false;

  constructor(
    private readonly client: PGlite,
    private readonly onError: (err: unknown) => void = () => undefined,
  ) {}

  start(everyMs = VACUUM_CHECK_MS): void {
    this.timer ??= setInterval(() => void this.tick().catch(this.onError), everyMs).unref();
  }

  /** While `busy()` says tasks are running, scheduled checks only analyse (at most MAX_DEFERRED_CHECKS in a row). */
  deferWhile(busy: () => boolean): void {
    this.busy = busy;
  }

  /**
   * Checks every table now and vacuums/analyses those past the thresholds (a run in progress is joined);
   * `vacuum: false` only analyses.
   */
  runOnce(vacuum = true): Promise<void> {
    this.running ??= this.check(vacuum).finally(() => (this.running = undefined));
    return this.running;
  }

  /**
   * A scheduled check. While tasks run it only analyses (fresh statistics keep the run's plans right;
   * without them a 100k auto-cluster took 2.5 × as long), and the vacuums wait, at most
   * MAX_DEFERRED_CHECKS checks in a row.
   */
  async tick(): Promise<'analysed' | 'checked'> {
    const deferVacuum = this.busy() && this.deferred < MAX_DEFERRED_CHECKS;
    this.deferred = deferVacuum ? this.deferred + 1 : 0;
    await this.runOnce(!deferVacuum);
    return deferVacuum ? 'analysed' : 'checked';
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  private async check(vacuumAllowed: boolean): Promise<void> {
    // Statistics are flushed at most once a second when the backend idles; this one is flushed now.
    await this.client.query('SELECT pg_stat_force_next_flush()');
    const { rows } = await this.client.query<TableStats>(
      `SELECT schemaname, relname, n_live_tup::float8 AS n_live_tup, n_dead_tup::float8 AS n_dead_tup,
              n_mod_since_analyze::float8 AS n_mod_since_analyze
         FROM pg_stat_user_tables`,
    );
    for (const t of rows) {
      const vacuum = vacuumAllowed && t.n_dead_tup > 50 + 0.2 * t.n_live_tup;
      const analyze = t.n_mod_since_analyze > 50 + 0.1 * t.n_live_tup;
      if (!vacuum && !analyze) continue;
      const table = `"${t.schemaname.replace(/"/g, '""')}"."${t.relname.replace(/"/g, '""')}"`;
      const action = vacuum ? 'vacuum analyze' : 'analyze';
      // Two statements, a turn between: each holds the event loop while it runs (0.4 s together at 100k rows).
      if (vacuum) {
        await this.client.exec(`VACUUM ${table}`);
        await nextTurn();
      }
      await this.client.exec(`ANALYZE ${table}`);
      this.done.push({ table: `${t.schemaname}.${t.relname}`, action });
      await nextTurn();
    }
  }
}
