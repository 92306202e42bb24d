import { z } from 'zod';
import { defineTaskKind } from '../../jobs/registry';

/**
 * One task run pushes a batch of publications to their destinations: `publish` (publish the rows in
 * `publishing`, or put WordPress posts of rows `scheduled` there as `future`), `unpublish`, or `sync`
 * (read each post's state back). The handler lives in publisher.ts.
 */
export const publishTask = defineTaskKind(
  'publishing.publish',
  z.object({
    siteId: z.uuid(),
    action: z.enum(['publish', 'unpublish', 'sync']),
    publicationIds: z.array(z.uuid()).min(1),
    /** unpublish: what becomes of the post */
    to: z.enum(['draft', 'trash']).default('draft'),
  }),
  // A start touching a publication a live publishing run works on answers 409 task_already_running.
  { targets: (input) => input.publicationIds },
);
export type PublishTaskInput = z.infer<typeof publishTask.input>;
