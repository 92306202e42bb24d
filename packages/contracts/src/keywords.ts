import { z } from 'zod';
import { pageQuerySchema } from './accounts';
import { atLeastOneField } from './patch';
import { sectorFilterShape } from './sectors';

export const intents = ['informational', 'commercial', 'transactional', 'navigational'] as const;
export const intentSchema = z.enum(intents);
export type Intent = z.infer<typeof intentSchema>;

/** Where the keyword is in the pipeline, derived from what targets it: a cluster, an idea, a writer task, content, published content. */
export const keywordStatuses = ['new', 'clustered', 'in_idea', 'queued', 'written', 'published'] as const;
export const keywordStatusSchema = z.enum(keywordStatuses);
export type KeywordStatus = z.infer<typeof keywordStatusSchema>;

/** Who set the intent: the file or request that brought the keyword, a person, the LLM, or the offline modifier rules. */
export const intentSources = ['import', 'user', 'ai', 'rules'] as const;
export const intentSourceSchema = z.enum(intentSources);
export type IntentSource = z.infer<typeof intentSourceSchema>;

/** Normalised for dedupe: unicode NFKC, case-folded, whitespace collapsed. */
export function normalizePhrase(phrase: string): string {
  return phrase.normalize('NFKC').toLocaleLowerCase('en').replace(/\s+/gu, ' ').trim();
}

/** A keyword is a search query, not a sentence: longer phrases are refused with a row error. */
export const MAX_PHRASE_LENGTH = 120;

export const keywordInputSchema = z.object({
  phrase: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(MAX_PHRASE_LENGTH, `is longer than ${MAX_PHRASE_LENGTH} characters`),
  // Messages read after the field's name ("Difficulty must be between 0 and 100"), in the API and the CSV preview alike.
  volume: z
    .number()
    .int('must be a whole number')
    .min(0, 'must be between 0 and 1,000,000,000')
    .max(1_000_000_000, 'must be between 0 and 1,000,000,000')
    .nullable()
    .optional(),
  difficulty: z
    .number()
    .min(0, 'must be between 0 and 100')
    .max(100, 'must be between 0 and 100')
    .nullable()
    .optional(),
  cpc: z
    .number()
    .min(0, 'must be between 0 and 100,000')
    .max(100_000, 'must be between 0 and 100,000')
    .nullable()
    .optional(),
  intent: intentSchema.nullable().optional(),
});
export type KeywordInput = z.input<typeof keywordInputSchema>;

export const addKeywordsBodySchema = z.object({
  keywords: z.array(keywordInputSchema).min(1).max(5000),
  /** the sector new keywords go into (absent: the site's first sector); keywords the site already has keep theirs */
  sectorId: z.uuid().optional(),
});

export const keywordSchema = z.object({
  id: z.string(),
  siteId: z.string(),
  sectorId: z.string(),
  phrase: z.string(),
  volume: z.number().nullable(),
  difficulty: z.number().nullable(),
  cpc: z.number().nullable(),
  intent: intentSchema.nullable(),
  intentSource: intentSourceSchema.nullable(),
  status: keywordStatusSchema,
  clusterId: z.string().nullable(),
  clusterName: z.string().nullable(),
  createdAt: z.string(),
});
export type Keyword = z.infer<typeof keywordSchema>;

export const updateKeywordBodySchema = atLeastOneField(
  keywordInputSchema.partial().extend({
    clusterId: z.uuid().nullable().optional(),
    /** moves the keyword to another sector of the site; it leaves a cluster of its old sector */
    sectorId: z.uuid().optional(),
  }),
);

export const keywordSortFields = ['phrase', 'volume', 'difficulty', 'cpc', 'createdAt'] as const;
// Filters compare against integer and real columns: bounds of the stored values, so the database never sees 1.5 or 1e308.
const volumeRange = z.coerce.number().int().min(0).max(1_000_000_000).optional();
const difficultyRange = z.coerce.number().min(0).max(100).optional();
export const keywordListQuerySchema = z.object({
  q: z.string().trim().max(200).optional(),
  intent: intentSchema.optional(),
  status: keywordStatusSchema.optional(),
  clustered: z
    .enum(['1', '0', 'true', 'false'])
    .transform((v) => v === '1' || v === 'true')
    .optional(),
  clusterId: z.uuid().optional(),
  ...sectorFilterShape,
  volumeMin: volumeRange,
  volumeMax: volumeRange,
  difficultyMin: difficultyRange,
  difficultyMax: difficultyRange,
  sort: z.enum(keywordSortFields).default('volume'),
  order: z.enum(['asc', 'desc']).default('desc'),
  ...pageQuerySchema.shape,
});
export type KeywordListQuery = z.input<typeof keywordListQuerySchema>;

export const keywordBulkBodySchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('delete'), keywordIds: z.array(z.uuid()).min(1).max(10_000) }),
  z.object({
    action: z.literal('setIntent'),
    keywordIds: z.array(z.uuid()).min(1).max(10_000),
    intent: intentSchema.nullable(),
  }),
  z.object({
    action: z.literal('moveToCluster'),
    keywordIds: z.array(z.uuid()).min(1).max(10_000),
    clusterId: z.uuid().nullable(),
  }),
  /** keywords leave clusters of their old sector */
  z.object({ action: z.literal('moveToSector'), keywordIds: z.array(z.uuid()).min(1).max(10_000), sectorId: z.uuid() }),
]);
export type KeywordBulkBody = z.input<typeof keywordBulkBodySchema>;
export const bulkResultSchema = z.object({ affected: z.number().int() });

export const addKeywordsResultSchema = z.object({
  created: z.number().int(),
  /** merged into an existing keyword of the site or a duplicate in the same request (an import combines its duplicates first: `duplicateRows`) */
  merged: z.number().int(),
});

/** CSV import */
export const importFields = ['phrase', 'volume', 'difficulty', 'cpc', 'intent'] as const;
export type ImportField = (typeof importFields)[number];
export const importRowErrorSchema = z.object({
  line: z.number().int(),
  field: z.string().nullable(),
  message: z.string(),
});
export type ImportRowError = z.infer<typeof importRowErrorSchema>;
export const importQuerySchema = z.object({
  /** preview: parse and report, write nothing */
  dryRun: z
    .enum(['1', '0', 'true', 'false'])
    .transform((v) => v === '1' || v === 'true')
    .default(false),
  /** strict (default): any bad row imports nothing; valid: import the good rows, report the rest */
  mode: z.enum(['strict', 'valid']).default('strict'),
  /** the sector new keywords go into (absent: the site's first sector); keywords the site already has keep theirs */
  sectorId: z.uuid().optional(),
});
/** A merge that would overwrite a metric an existing keyword already has. */
export const importChangeSchema = z.object({
  line: z.number().int(),
  phrase: z.string(),
  field: z.enum(['volume', 'difficulty', 'cpc', 'intent']),
  from: z.union([z.number(), z.string()]),
  to: z.union([z.number(), z.string()]),
});
export type ImportChange = z.infer<typeof importChangeSchema>;

export const importPreviewSchema = z.object({
  /** the encoding the file was read in (utf-8, utf-16le…) */
  encoding: z.string(),
  delimiter: z.string(),
  headers: z.array(z.string()),
  mapping: z.record(z.string(), z.string().nullable()),
  totalRows: z.number().int(),
  /** distinct keywords among the good rows */
  validRows: z.number().int(),
  /** distinct keywords not yet on the site, within the plan: what the import adds (the result's `created`) */
  newKeywords: z.number().int(),
  /** distinct keywords already on the site: merged into them (the result's `merged`) */
  existingKeywords: z.number().int(),
  /** rows repeating a keyword earlier in the file, combined into that row */
  duplicateRows: z.number().int(),
  preview: z.array(keywordInputSchema.extend({ line: z.number().int() })),
  errors: z.array(importRowErrorSchema),
  errorsTruncated: z.boolean(),
  /** title lines above the header (a Keyword Planner report's name and dates), not imported */
  skippedLines: z.array(z.number().int()),
  /** existing keywords whose metrics the import would overwrite: the preview shows them and the UI asks first */
  changes: z.array(importChangeSchema),
  /** keywords of the site the import would change (changes lists at most the first 1,000 of their changes) */
  changedKeywords: z.number().int(),
});
export type ImportPreview = z.infer<typeof importPreviewSchema>;
export const importResultSchema = importPreviewSchema.extend({
  created: z.number().int(),
  merged: z.number().int(),
  /** set when the file was large enough to import as a background task */
  taskId: z.string().nullable(),
});
export type ImportResult = z.infer<typeof importResultSchema>;

/** A keyword more than one idea or article targets (cannibalisation): each target is one piece of work. */
export const cannibalTargetSchema = z.object({
  kind: z.enum(['idea', 'content']),
  id: z.string(),
  title: z.string(),
  role: z.enum(['primary', 'secondary']),
  status: z.string(),
});
export const cannibalKeywordSchema = z.object({
  phrase: z.string(),
  keywordId: z.string().nullable(),
  volume: z.number().nullable(),
  /** distinct pieces of work (an idea and the article written from it are one) */
  pieces: z.number().int(),
  targets: z.array(cannibalTargetSchema),
});
export type CannibalKeyword = z.infer<typeof cannibalKeywordSchema>;
export const cannibalQuerySchema = pageQuerySchema;

/** Results per keyword a SERP import keeps (the first page). */
export const SERP_TOP_RESULTS = 10;

/**
 * What a SERP import did: the site's keywords it gave top results to (replacing earlier ones), and
 * the keywords of the file the site does not have (not created: import them as keywords first).
 */
export const serpImportResultSchema = z.object({
  /** keywords of the site that now have results */
  keywords: z.number().int(),
  /** result URLs stored, at most SERP_TOP_RESULTS per keyword */
  results: z.number().int(),
  /** distinct keywords of the file the site does not have */
  unknownKeywords: z.number().int(),
  /** a few of them, as written in the file */
  unknownSample: z.array(z.string()),
  /** rows skipped (no keyword, no URL, a position that is not a number); the first ones */
  errors: z.array(importRowErrorSchema),
  errorCount: z.number().int(),
});
export type SerpImportResult = z.infer<typeof serpImportResultSchema>;

/** Keywords whose top search results the platform's SERP provider fetches (a search each). */
export const fetchSerpsBodySchema = z.object({ keywordIds: z.array(z.uuid()).min(1).max(1000) });
