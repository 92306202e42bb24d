import { canPublish, plural } from '@igny8/contracts';
import type { FastifyBaseLogger } from 'fastify';
import { makeTenantContext } from '../../access/context';
import { findMembershipForAccess } from '../../access/lookup';
import { AppError } from '../../http/errors';
import type { CronJob } from '../../jobs/schedules';
import { claimDue, dueRows, failDue, type DueRow } from './dispatch-repo';
import type { Publisher } from './publisher';
import * as repo from './repo';

export const DISPATCH_QUEUE = 'publishing.dispatch';

/** Rows of a group were claimed by another dispatch between the read and the claim: nothing is started. */
class ClaimLost extends Error {}

/**
 * Publishes what is due. A pg-boss schedule runs it every minute, once across all workers. Each
 * group of due rows (one account, site and requesting member) is claimed (scheduled → publishing)
 * in the transaction that starts its publish task, so a row is published once even if two
 * dispatches overlap, and never left claimed without a task. A group is published as the member
 * who scheduled it, if they still may publish.
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
    const db = this.publisher.deps.database.db;
    const groups = new Map<string, DueRow[]>();
    for (const row of await dueRows(db, now)) {
      const key = `${row.accountId}/${row.siteId}/${row.requestedBy ?? ''}`;
      groups.set(key, [...(groups.get(key) ?? []), row]);
    }
    const tasks: string[] = [];
    let claimed = 0;
    for (const rows of groups.values()) {
      const { accountId, siteId, requestedBy } = rows[0]!;
      const ids = rows.map((r) => r.id);
      const membership = requestedBy ? await findMembershipForAccess(db, requestedBy, accountId) : undefined;
      const t =
        membership?.active && membership.accountActive
          ? makeTenantContext(accountId, requestedBy!, membership.role)
          : undefined;
      if (!t || !canPublish(t.role, await repo.getSettings(db, t, siteId))) {
        await failDue(db, ids, {
          code: 'publish_not_allowed',
          message: 'The member who scheduled this can no longer publish: schedule it again',
        });
        continue;
      }
      try {
        const n = ids.length;
        const taskId = await this.publisher.startTask(
          t,
          siteId,
          { siteId, action: 'publish', publicationIds: ids, to: 'draft' },
          `Publish ${plural(n, 'scheduled item')}`,
          async (tx) => {
            if ((await claimDue(tx, ids, now)).length !== n) throw new ClaimLost();
          },
        );
        tasks.push(taskId);
        claimed += n;
      } catch (e) {
        // Another dispatch got there first: its task publishes them.
        if (e instanceof ClaimLost || (e instanceof AppError && e.code === 'task_already_running')) continue;
        throw e;
      }
    }
    if (claimed) this.log.info({ claimed, tasks: tasks.length }, 'publishing: dispatched due publications');
    return { claimed, tasks };
  }
}
