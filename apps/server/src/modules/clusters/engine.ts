import type { Intent } from '@igny8/contracts';
import type { AutoClusterOutput } from '../../cpu/jobs';
import { runCpuJob } from '../../cpu/pool';

/** From this many keywords the engine runs on a pool thread (below, a thread's start-up costs more than it saves). */
export const OFF_THREAD_MIN_KEYWORDS = 2000;

export type NewCluster = AutoClusterOutput['result']['clusters'][number] & { sectorId: string };

export interface SectorClustering {
  /** keyword id → existing cluster id */
  assigned: Map<string, string>;
  /** new clusters of every sector; keys unique across sectors */
  clusters: NewCluster[];
  unclustered: number;
  /** the rules' intents of the keywords that had none */
  derivedIntents: AutoClusterOutput['derivedIntents'];
}

/**
 * The clustering of auto-cluster and of its preview: each sector on its own, fitted only into its
 * own existing clusters, so a cluster never mixes sectors. The engine (and the intent rules for
 * keywords without one) runs on a pool thread once a sector is large enough to hold the event loop.
 * Deterministic: the same keywords, clusters and granularity give the same clusters, which is what
 * lets a preview promise what a run will save.
 */
export async function clusterBySector(
  kws: { id: string; sectorId: string; phrase: string; volume: number | null; intent: Intent | null }[],
  existing: Map<string, { sectorId: string; phrases: string[] }>,
  /**
   * `vectors`: embeddings of `kws`, in the same order, to combine with the words; `serps`: keywords'
   * top result URLs by keyword id (SERP overlap links keywords that share results)
   */
  opts: { granularity?: number; language: string; vectors?: Float32Array[]; serps?: Map<string, string[]> },
): Promise<SectorClustering> {
  const bySector = new Map<string, typeof kws>();
  const vectorOf = new Map<string, Float32Array>();
  kws.forEach((k, i) => {
    const list = bySector.get(k.sectorId);
    if (list) list.push(k);
    else bySector.set(k.sectorId, [k]);
    if (opts.vectors) vectorOf.set(k.id, opts.vectors[i]!);
  });
  const out: SectorClustering = { assigned: new Map(), clusters: [], unclustered: 0, derivedIntents: [] };
  for (const [sector, sectorKws] of bySector) {
    const engine = await runCpuJob(
      'autoCluster',
      {
        keywords: {
          ids: sectorKws.map((k) => k.id),
          phrases: sectorKws.map((k) => k.phrase),
          volumes: sectorKws.map((k) => k.volume),
          intents: sectorKws.map((k) => k.intent),
        },
        vectors: opts.vectors ? sectorKws.map((k) => vectorOf.get(k.id)!) : undefined,
        serp: sectorKws.some((k) => opts.serps?.has(k.id))
          ? sectorKws.map((k) => opts.serps!.get(k.id) ?? null)
          : undefined,
        existing: [...existing]
          .filter(([, c]) => c.sectorId === sector)
          .map(([key, c]) => ({ key, keywordPhrases: c.phrases })),
        granularity: opts.granularity,
        language: opts.language,
      },
      sectorKws.length >= OFF_THREAD_MIN_KEYWORDS,
    );
    for (const [kw, cl] of engine.assigned) out.assigned.set(kw, cl);
    // Keys are unique within one engine run: the sector makes them unique across sectors.
    out.clusters.push(
      ...engine.result.clusters.map((c) => ({
        ...c,
        key: bySector.size > 1 ? `${sector}-${c.key}` : c.key,
        sectorId: sector,
      })),
    );
    out.unclustered += engine.result.unclustered.length;
    out.derivedIntents.push(...engine.derivedIntents);
  }
  return out;
}
