import { listOf, taskListQuerySchema, taskRunInputSchema, taskRunSchema, taskStartedSchema } from '@igny8/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { tenantOf } from '../../access/context';
import { policies } from '../../access/policy';
import type { RouteDeps } from '../../http/deps';
import { accountParams } from '../../http/params';
import { notFound } from '../../http/errors';
import { idempotencyKeyOf, taskStartHeaders } from '../../http/idempotency';
import { retryFailedItems } from '../retry-failed';
import { getTaskRun, getTaskRunInput, listTaskRuns, toTaskRun } from './repo';

const tags = ['tasks'];
const params = z.object({ accountId: z.string(), taskId: z.string() });

/** Every member, viewer included, may watch the account's tasks (the seed's 403 on progress cannot happen). */
export async function taskRoutes(root: FastifyInstance, deps: RouteDeps): Promise<void> {
  const { db, tasks, config } = deps;
  const app = root.withTypeProvider<ZodTypeProvider>();
  const staleMs = config.TASK_STALE_SECONDS * 1000;

  app.get('/api/v1/accounts/:accountId/tasks', {
    config: { policy: policies.member('viewer') },
    schema: { tags, params: accountParams, querystring: taskListQuerySchema, response: { 200: listOf(taskRunSchema) } },
    handler: async (req) => listTaskRuns(db, tenantOf(req), req.query, staleMs),
  });

  app.get('/api/v1/accounts/:accountId/tasks/:taskId', {
    // The web app polls this every two seconds per running task: no request log lines for each poll.
    logLevel: 'warn',
    config: { policy: policies.member('viewer') },
    schema: { tags, params, response: { 200: taskRunSchema } },
    handler: async (req) => {
      const run = await getTaskRun(db, tenantOf(req), req.params.taskId);
      if (!run) throw notFound('Task');
      return toTaskRun(run, staleMs);
    },
  });

  // A poll answers the run's state only; what it was started with is read here, on request.
  app.get('/api/v1/accounts/:accountId/tasks/:taskId/input', {
    config: { policy: policies.member('viewer') },
    schema: { tags, params, response: { 200: taskRunInputSchema } },
    handler: async (req) => {
      const input = await getTaskRunInput(db, tenantOf(req), req.params.taskId);
      if (!input) throw notFound('Task');
      return { input };
    },
  });

  app.post('/api/v1/accounts/:accountId/tasks/:taskId/cancel', {
    config: { policy: policies.member('editor') },
    schema: { tags, params, response: { 200: taskRunSchema } },
    handler: async (req) => {
      return tasks.cancel(tenantOf(req), req.params.taskId);
    },
  });

  // Every kind that can retry starts with member('editor'): the retry asks the same, and goes through that kind's start.
  app.post('/api/v1/accounts/:accountId/tasks/:taskId/retry-failed', {
    config: { policy: policies.member('editor') },
    schema: { tags, params, headers: taskStartHeaders, response: { 202: taskStartedSchema } },
    handler: async (req, reply) => {
      const taskId = await retryFailedItems(deps, tenantOf(req), req.params.taskId, idempotencyKeyOf(req));
      return reply.status(202).send({ taskId });
    },
  });
}
