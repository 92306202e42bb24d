import { canPublish } from '@igny8/contracts';
import type { FastifyBaseLogger } from 'fastify';
import { makeTenantContext } from '../../access/context';
import { findMembershipForAccess } from '../../access/lookup';
import type { CronJob } from '../../jobs/schedules';
import { claimDue, failClaimed, type DueRow } from './dispatch-repo';
import type { Publisher } from './publisher';
import * as repo from './repo';

export const DISPATCH_QUEUE = 'publishing.dispatch';

/**
 * Publishes what is due. A pg-boss schedule runs it every minute, once across all workers; the
 * claim (scheduled → publishing) and the publish task for the claimed rows are one transaction, so
 * a row is published once even if two dispatches overlapped, and never left claimed without a task.
 * Each group of rows is published as the member who scheduled it, if they still may publish.
 */
export class Dispatcher {
  constructor(
    private readonly publisher: Publisher,
    private readonly log: FastifyBaseLogger,
  ) {}

  get cron(): CronJob {
    return { name: DISPATCH_QUEUE, cron: '* * * * *', handler: async () => void (await this.dispatch()) };
  }

  async dispatch(now = new Date()): Promise<{ claimed: number; tasks: string[] }> {
    const { database } = this.publisher.deps;
    await this.publisher.deps.queue.ensureQueue('publishing.publish');
    return database.transaction(async (tx) => {
      const due = await claimDue(tx.db, now);
      const groups = new Map<string, DueRow[]>();
      for (const row of due) {
        const key = `${row.accountId}/${row.siteId}/${row.requestedBy ?? ''}`;
        groups.set(key, [...(groups.get(key) ?? []), row]);
      }
      const tasks: string[] = [];
      for (const rows of groups.values()) {
        const { accountId, siteId, requestedBy } = rows[0]!;
        const membership = requestedBy ? await findMembershipForAccess(tx.db, requestedBy, accountId) : undefined;
        const live = membership?.active && membership.accountActive;
        const t = live ? makeTenantContext(accountId, requestedBy!, membership.role) : undefined;
        if (!t || !canPublish(t.role, await repo.getSettings(tx.db, t, siteId))) {
          await failClaimed(tx.db, rows.map((r) => r.id), { code: 'publish_not_allowed', message: 'The member who scheduled this can no longer publish: schedule it again' });
          continue;
        }
        const n = new Set(rows.map((r) => r.id)).size;
        tasks.push(await this.publisher.startTask(tx, t, siteId, { siteId, action: 'publish', publicationIds: rows.map((r) => r.id), to: 'draft' }, `Publish ${n} scheduled item${n === 1 ? '' : 's'}`));
      }
      if (due.length) this.log.info({ claimed: due.length, tasks: tasks.length }, 'publishing: dispatched due publications');
      return { claimed: due.length, tasks };
    });
  }
}
