import { z } from 'zod';
import { MATCHING_IDS_MAX } from './lists';
import { atLeastOneField } from './patch';
import { roleAtLeast, type Role } from './roles';
import { contentStatusSchema, type ContentSummary } from './writer';

// ── Editorial workflow ────────────────────────────────────────────────────────────────────────
// draft → review → approved → published. `published` is never set by hand: only a publish to a
// destination gets an article there (and an unpublish of every destination takes it back to approved).

type ContentStatus = ContentSummary['status'];

export interface EditorialPolicy {
  /** the site lets editors publish (and approve) without an admin's review */
  editorsCanPublish: boolean;
}

/** The states `role` may move an article to from `from` (by the transition endpoint; `published` never). */
export function allowedTransitions(from: ContentStatus, role: Role, policy: EditorialPolicy): ContentStatus[] {
  if (!roleAtLeast(role, 'editor')) return [];
  const approver = roleAtLeast(role, 'admin') || policy.editorsCanPublish;
  const to: ContentStatus[] = [];
  if (from === 'draft') to.push('review');
  if (from === 'review') to.push('draft');
  if (approver && (from === 'draft' || from === 'review')) to.push('approved');
  if (approver && from === 'approved') to.push('review', 'draft');
  return to;
}

/**
 * Whether `role` may publish (or schedule, unpublish) articles: approvers only, i.e. admins, or
 * editors where the site lets them publish without review. An approver may publish a draft or an
 * article in review directly: it is approved on the way.
 */
export function canPublish(role: Role, policy: EditorialPolicy): boolean {
  if (!roleAtLeast(role, 'editor')) return false;
  return roleAtLeast(role, 'admin') || policy.editorsCanPublish;
}

export const transitionContentBodySchema = z.object({ to: contentStatusSchema });

// ── Destinations ──────────────────────────────────────────────────────────────────────────────

export const destinationKinds = ['wordpress', 'webhook'] as const;
export const destinationKindSchema = z.enum(destinationKinds);
export type DestinationKind = z.infer<typeof destinationKindSchema>;

const siteUrl = z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).max(500);
const termName = z.string().trim().min(1).max(100);

export const wordpressOptionsSchema = z.object({
  /** category names every post gets (created when missing) */
  categories: z.array(termName).max(20).default([]),
  /** extra tag names every post gets; the article's cluster is always a tag */
  tags: z.array(termName).max(20).default([]),
});
export type WordpressOptions = z.infer<typeof wordpressOptionsSchema>;

export const createDestinationBodySchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('wordpress'),
    name: z.string().trim().min(1).max(120),
    url: siteUrl,
    username: z.string().trim().min(1).max(200),
    /** a WordPress application password (Users → Profile → Application Passwords) */
    appPassword: z.string().trim().min(8).max(200),
    options: wordpressOptionsSchema.optional(),
  }),
  z.object({
    kind: z.literal('webhook'),
    name: z.string().trim().min(1).max(120),
    url: siteUrl,
    /** the HMAC-SHA256 signing secret, shared with the receiver */
    secret: z.string().min(16).max(200),
  }),
]);
export type CreateDestinationBody = z.input<typeof createDestinationBodySchema>;

export const updateDestinationBodySchema = atLeastOneField(
  z.object({
    name: z.string().trim().min(1).max(120).optional(),
    url: siteUrl.optional(),
    username: z.string().trim().min(1).max(200).optional(),
    /** WordPress application password or webhook secret; needed again when the URL's origin changes */
    secret: z.string().trim().min(8).max(200).optional(),
    options: wordpressOptionsSchema.optional(),
    enabled: z.boolean().optional(),
  }),
);
export type UpdateDestinationBody = z.input<typeof updateDestinationBodySchema>;

export const destinationTestSchema = z.object({
  ok: z.boolean(),
  message: z.string(),
  /** the WordPress user the application password belongs to */
  user: z.object({ id: z.number(), name: z.string(), roles: z.array(z.string()) }).nullable(),
  canPublish: z.boolean(),
  canUploadFiles: z.boolean(),
  /** the igny8 bridge plugin (SEO meta, JSON-LD); null when not active */
  bridge: z.object({ version: z.string(), yoast: z.boolean(), rankMath: z.boolean() }).nullable(),
  restRoot: z.string().nullable(),
  testedAt: z.string(),
});
export type DestinationTest = z.infer<typeof destinationTestSchema>;

export const destinationSchema = z.object({
  id: z.string(),
  siteId: z.string(),
  kind: destinationKindSchema,
  name: z.string(),
  url: z.string(),
  username: z.string().nullable(),
  /** "…abcd": the stored secret is never returned */
  secretMask: z.string().nullable(),
  options: wordpressOptionsSchema,
  enabled: z.boolean(),
  lastTest: destinationTestSchema.nullable(),
  createdAt: z.string(),
});
export type Destination = z.infer<typeof destinationSchema>;
export const destinationListSchema = z.object({ items: z.array(destinationSchema) });

// ── Publications: one per article and destination ───────────────────────────────────────────

export const publishStatuses = ['not_published', 'scheduled', 'publishing', 'published', 'failed'] as const;
export const publishStatusSchema = z.enum(publishStatuses);
export type PublishStatus = z.infer<typeof publishStatusSchema>;

/** The post's state in the destination as last seen (WordPress statuses, plus `deleted`). */
export const remoteStatuses = ['publish', 'future', 'draft', 'pending', 'private', 'trash', 'deleted'] as const;
export const remoteStatusSchema = z.enum(remoteStatuses);

export const publicationSchema = z.object({
  id: z.string(),
  contentId: z.string(),
  destinationId: z.string(),
  destinationName: z.string(),
  destinationKind: destinationKindSchema,
  status: publishStatusSchema,
  scheduledAt: z.string().nullable(),
  externalId: z.string().nullable(),
  externalUrl: z.string().nullable(),
  remoteStatus: remoteStatusSchema.nullable(),
  lastError: z.object({ code: z.string(), message: z.string() }).nullable(),
  /** what the last publish could not do (SEO meta without the bridge plugin, an image that failed) */
  warnings: z.array(z.string()),
  publishedAt: z.string().nullable(),
  syncedAt: z.string().nullable(),
  updatedAt: z.string(),
});
export type Publication = z.infer<typeof publicationSchema>;
export const publicationListSchema = z.object({ items: z.array(publicationSchema) });
/** A task started, or none (nothing had to go out now). */
export const maybeTaskStartedSchema = z.object({ taskId: z.string().nullable() });

/** now; at a time; or `auto`: the site's schedule (immediate, or the next free slots). */
export const publishWhenSchema = z.union([
  z.object({ mode: z.literal('now') }),
  z.object({ mode: z.literal('at'), at: z.iso.datetime({ offset: true }) }),
  z.object({ mode: z.literal('auto') }),
]);
export type PublishWhen = z.infer<typeof publishWhenSchema>;

export const publishBodySchema = z.object({
  contentIds: z.array(z.uuid()).min(1).max(MATCHING_IDS_MAX),
  /** default: every enabled destination of the site */
  destinationIds: z.array(z.uuid()).min(1).max(20).optional(),
  when: publishWhenSchema.default({ mode: 'now' }),
});
export type PublishBody = z.input<typeof publishBodySchema>;

export const publishResultSchema = z.object({
  /** the task pushing to destinations now (publishing, or WordPress posts scheduled as `future`); null when nothing goes out now */
  taskId: z.string().nullable(),
  /** publications scheduled that the task does not push (they wait for the dispatcher at their time) */
  waiting: z.number().int(),
  publications: z.array(publicationSchema),
});
export type PublishResult = z.infer<typeof publishResultSchema>;

export const unpublishBodySchema = z.object({
  contentIds: z.array(z.uuid()).min(1).max(MATCHING_IDS_MAX),
  destinationIds: z.array(z.uuid()).min(1).max(20).optional(),
  /** what becomes of the WordPress post */
  to: z.enum(['draft', 'trash']).default('draft'),
});

export const rescheduleBodySchema = z.object({ contentId: z.uuid(), at: z.iso.datetime({ offset: true }) });

export const syncBodySchema = z.object({ contentIds: z.array(z.uuid()).min(1).max(500).optional() });

export const publicationListQuerySchema = z.object({ contentId: z.uuid().optional() });

// ── Schedule and calendar ────────────────────────────────────────────────────────────────────

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time like 09:30');
export const scheduleModes = ['immediate', 'slots', 'stagger'] as const;

export const publishingSettingsSchema = z.object({
  editorsCanPublish: z.boolean(),
  scheduleMode: z.enum(scheduleModes),
  /** slots: days of the week (0 = Sunday) × times of day, in `timezone` */
  slotDays: z.array(z.number().int().min(0).max(6)).max(7),
  slotTimes: z.array(hhmm).max(24),
  /** stagger: one article every N hours */
  staggerHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 14),
  /** most articles published per day (in `timezone`); null = no cap */
  dailyCap: z.number().int().min(1).max(1000).nullable(),
  timezone: z.string().min(1).max(64),
});
export type PublishingSettings = z.infer<typeof publishingSettingsSchema>;
/** The whole settings (PUT): a field left out takes its default. */
export const savePublishingSettingsBodySchema = z
  .object({
    editorsCanPublish: z.boolean().default(false),
    scheduleMode: z.enum(scheduleModes).default('immediate'),
    slotDays: publishingSettingsSchema.shape.slotDays.default([]),
    slotTimes: publishingSettingsSchema.shape.slotTimes.default([]),
    staggerHours: publishingSettingsSchema.shape.staggerHours.default(24),
    dailyCap: publishingSettingsSchema.shape.dailyCap.default(null),
    timezone: z.string().min(1).max(64).refine(isTimeZone, 'an IANA time zone like Europe/Berlin').default('UTC'),
  })
  .refine((s) => s.scheduleMode !== 'slots' || (s.slotDays.length > 0 && s.slotTimes.length > 0), {
    message: 'time slots need at least one day and one time',
    path: ['slotTimes'],
  });

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** The calendar's window; without one, the 31 days either side of now. */
export const calendarQuerySchema = z
  .object({ from: z.iso.datetime({ offset: true }).optional(), to: z.iso.datetime({ offset: true }).optional() })
  .refine(
    (q) =>
      !q.from ||
      !q.to ||
      (Date.parse(q.to) > Date.parse(q.from) && Date.parse(q.to) - Date.parse(q.from) <= 62 * 86_400_000),
    {
      message: '`to` must be after `from`, at most 62 days later',
    },
  );

export const calendarItemSchema = z.object({
  contentId: z.string(),
  title: z.string(),
  contentStatus: contentStatusSchema,
  /** the worst of its publications: failed > publishing > scheduled > published */
  status: publishStatusSchema,
  /** when it is scheduled, or was published (or last tried, for a failure) */
  at: z.string(),
  publications: z.array(publicationSchema),
});
export type CalendarItem = z.infer<typeof calendarItemSchema>;
export const calendarSchema = z.object({ items: z.array(calendarItemSchema) });
