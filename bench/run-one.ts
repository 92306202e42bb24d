/**
 * Child process of the clustering benchmark: clusters one data set with the engine
 * or the naive baseline and prints one JSON line. One process per run so that peak
 * RSS (maxRSS) belongs to that run alone.
 */
import { clusterKeywords, tuningFor } from '../apps/server/src/ai/clustering/index';
import { naiveLabels } from './baseline';
import { DATASETS, languageOf, loadDataset, type DatasetName } from './datasets';
import { adjustedRandIndex, clusterQuality, normalizedMutualInfo, type ClusterQuality } from './metrics';

export interface RunResult {
  dataset: DatasetName;
  /** whole: the engine with splitting of oversized clusters turned off (maxClusterSize: Infinity). */
  mode: 'engine' | 'baseline' | 'whole';
  n: number;
  ari: number;
  nmi: number;
  /** Purity, mixed clusters (no label ≥ 60 %) and largest cluster, over clustered keywords. */
  quality: ClusterQuality;
  clusters: number;
  unclustered: number;
  seconds: number;
  cpuSeconds: number;
  /** Peak resident set of the whole process, MB. */
  peakRssMb: number;
  /** Resident set after loading the data, before clustering, MB. */
  startRssMb: number;
}

const [name, mode] = process.argv.slice(2) as [DatasetName, RunResult['mode']];
if (!DATASETS.includes(name) || !['engine', 'baseline', 'whole'].includes(mode)) {
  throw new Error(`usage: run-one.ts <${DATASETS.join('|')}> <engine|baseline|whole>`);
}
const data = loadDataset(name);
const language = languageOf(name);
const startRssMb = process.memoryUsage().rss / 2 ** 20;
const cpu0 = process.cpuUsage();
const t0 = performance.now();
let pred: string[];
if (mode !== 'baseline') {
  const res = clusterKeywords(data, { language, maxClusterSize: mode === 'whole' ? Infinity : undefined });
  const of = new Map<string, string>();
  for (const c of res.clusters) for (const id of c.keywordIds) of.set(id, c.key);
  pred = data.map((d) => of.get(d.id) ?? `u:${d.id}`);
} else {
  pred = naiveLabels(data, tuningFor(), language);
}
const seconds = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
const truth = data.map((d) => d.label);
const counts = new Map<string, number>();
for (const p of pred) counts.set(p, (counts.get(p) ?? 0) + 1);
const result: RunResult = {
  dataset: name,
  mode,
  n: data.length,
  ari: adjustedRandIndex(truth, pred),
  nmi: normalizedMutualInfo(truth, pred),
  quality: clusterQuality(truth, pred, (p) => String(p).startsWith('u:')),
  clusters: [...counts].filter(([k, c]) => !k.startsWith('u:') && c > 0).length,
  unclustered: pred.filter((p) => p.startsWith('u:')).length,
  seconds,
  cpuSeconds: (cpu.user + cpu.system) / 1e6,
  // maxRSS is in kilobytes on Linux.
  peakRssMb: process.resourceUsage().maxRSS / 1024,
  startRssMb,
};
console.log(JSON.stringify(result));
