import type { Intent } from '@igny8/contracts';
import { threadId } from 'node:worker_threads';
import { assignToClusters, clusterKeywords, type AssignResult, type ClusterResult } from '../ai/clustering/index';
import { classifyIntent } from '../modules/keywords/intent-rules';

/**
 * The CPU-heavy jobs that run on the worker-thread pool: pure functions of structured-cloneable
 * input (no I/O, no database, no config), so the same code runs on the main thread for small inputs.
 */

/** Keywords as columns: arrays of strings clone between threads far faster than 100k small objects. */
export interface KeywordColumns {
  ids: string[];
  phrases: string[];
  volumes: (number | null)[];
  /** the keyword's intent; null: unknown, the rules give one */
  intents: (Intent | null)[];
}

export interface AutoClusterInput {
  keywords: KeywordColumns;
  /** the site's clusters to extend first: cluster id → its keywords' phrases */
  existing: { key: string; keywordPhrases: string[] }[];
  /** embeddings of the keywords, in the same order (absent: the words alone) */
  vectors?: Float32Array[];
  /** top result URLs of the keywords, in the same order (null: none known; absent: none at all) */
  serp?: (string[] | null)[];
  granularity?: number;
  /** ISO 639-1 code */
  language: string;
}

export interface AutoClusterOutput {
  /** keywords fitted into existing clusters: keyword id → cluster id */
  assigned: AssignResult['assigned'];
  result: ClusterResult;
  /** rules' intents of the keywords that had none */
  derivedIntents: { id: string; intent: Intent }[];
}

/** Auto-cluster's engine step: fit into existing clusters, cluster the rest, and classify unknown intents. */
function autoCluster(input: AutoClusterInput): AutoClusterOutput {
  const { ids, phrases, volumes, intents } = input.keywords;
  const kws = ids.map((id, i) => ({ id, phrase: phrases[i]!, volume: volumes[i] ?? null }));
  const opts = { granularity: input.granularity, language: input.language };
  const fitted = input.existing.length
    ? assignToClusters(kws, input.existing, opts)
    : { assigned: new Map<string, string>(), rest: kws };
  // The keywords left to cluster keep their vectors and results (fitting into existing clusters reads words).
  const at = new Map(ids.map((id, i) => [id, i]));
  const vectors = input.vectors && fitted.rest.map((k) => input.vectors![at.get(k.id)!]!);
  const serp = input.serp && fitted.rest.map((k) => input.serp![at.get(k.id)!]!);
  const result = clusterKeywords(fitted.rest, { ...opts, vectors, serp });
  const derivedIntents = ids.flatMap((id, i) =>
    intents[i] === null ? [{ id, intent: classifyIntent(phrases[i]!, input.language) }] : [],
  );
  return { assigned: fitted.assigned, result, derivedIntents };
}

/** The thread a job runs on (how the pool's own test tells a pool thread from the main thread). */
const threadOf = (_: null): number => threadId;

export const cpuJobs = { autoCluster, threadOf } as const;

export type CpuJobs = typeof cpuJobs;
export type CpuJobName = keyof CpuJobs;
/** What the pool posts to a thread: the job's name and its input. */
export interface CpuTask<K extends CpuJobName = CpuJobName> {
  job: K;
  input: Parameters<CpuJobs[K]>[0];
}
