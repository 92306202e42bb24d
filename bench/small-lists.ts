/**
 * `npm run bench:small-lists`: the engine on short lists, as a new site's first import looks (2–8 topics, up to
 * 6 keywords each, sampled from the labelled SEO dev set with a fixed seed). The full dev lists and the public
 * sets all have 185 keywords or more; below ~30 distinct keywords the resolution is floored (`minResolution`,
 * tuning.ts), and this compares the engine with the floor taken out, in the same run.
 */
import { clusterQuality, adjustedRandIndex } from './metrics';
import { languageOf, loadDataset, type DatasetName, type LabelledKeyword } from './datasets';
import { groupsOf, partition } from '../apps/server/src/ai/clustering/partition';
import { tuningFor, type Tuning } from '../apps/server/src/ai/clustering/tuning';

const LISTS: DatasetName[] = ['seo-gardening', 'seo-coffee', 'seo-running', 'seo-finance', 'seo-pets', 'seo-garten-de'];
const TOPICS = [2, 3, 5, 8];
const PER_TOPIC = 6;
const SAMPLES = 30;

/** A small linear congruential generator: the same samples on every run and machine. */
function rng(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Cluster label per keyword (`u:<id>` for keywords left alone: groups under 2, as the engine does). */
function labelsOf(list: LabelledKeyword[], tuning: Tuning, language: string): string[] {
  const { corpus, labels } = partition(list, { language }, tuning);
  const out: string[] = new Array<string>(list.length);
  for (const docs of groupsOf(labels)) {
    const size = docs.reduce((s, d) => s + corpus.members[d]!.length, 0);
    for (const d of docs) for (const i of corpus.members[d]!) out[i] = size >= 2 ? `c${labels[d]}` : `u:${list[i]!.id}`;
  }
  return out;
}

interface Score {
  ari: number;
  purity: number;
  mixed: number;
  clusters: number;
  unclustered: number;
}

const variants = { before: tuningFor(undefined, { minResolution: 0 }), engine: tuningFor() };
const rows: string[][] = [];
for (const topics of TOPICS) {
  const random = rng(7 + topics);
  const sum = { before: [] as Score[], engine: [] as Score[] };
  let keywords = 0;
  for (const name of LISTS) {
    const data = loadDataset(name);
    const labels = [...new Set(data.map((d) => d.label))];
    for (let s = 0; s < SAMPLES; s++) {
      const list = shuffled(labels, random)
        .slice(0, topics)
        .flatMap((l) =>
          shuffled(
            data.filter((d) => d.label === l),
            random,
          ).slice(0, PER_TOPIC),
        );
      keywords += list.length;
      const truth = list.map((k) => k.label);
      for (const v of ['before', 'engine'] as const) {
        const pred = labelsOf(list, variants[v], languageOf(name));
        const q = clusterQuality(truth, pred, (p) => String(p).startsWith('u:'));
        sum[v].push({
          ari: adjustedRandIndex(truth, pred),
          purity: q.purity,
          mixed: q.mixed,
          clusters: new Set(pred.filter((p) => !p.startsWith('u:'))).size,
          unclustered: pred.filter((p) => p.startsWith('u:')).length,
        });
      }
    }
  }
  const runs = LISTS.length * SAMPLES;
  const mean = (xs: Score[], f: (s: Score) => number) => xs.reduce((t, s) => t + f(s), 0) / xs.length;
  const total = (xs: Score[], f: (s: Score) => number) => xs.reduce((t, s) => t + f(s), 0);
  const cells = (xs: Score[]) => [
    mean(xs, (s) => s.ari).toFixed(3),
    mean(xs, (s) => s.purity).toFixed(3),
    `${total(xs, (s) => s.mixed)} / ${total(xs, (s) => s.clusters)}`,
    `${((100 * total(xs, (s) => s.unclustered)) / keywords).toFixed(1)} %`,
  ];
  rows.push([
    String(topics),
    (keywords / runs).toFixed(1),
    ...cells(sum.before),
    ...cells(sum.engine),
    (mean(sum.engine, (s) => s.ari) / mean(sum.before, (s) => s.ari)).toFixed(2),
  ]);
}

const header = [
  'topics',
  'keywords (mean)',
  'before: ARI',
  'purity',
  'mixed / clusters',
  'unclustered',
  'engine: ARI',
  'purity',
  'mixed / clusters',
  'unclustered',
  'ARI engine ÷ before',
];
console.log(`${LISTS.length} lists × ${SAMPLES} samples per row; before = the engine without minResolution\n`);
for (const r of [header, header.map(() => '---'), ...rows]) console.log(`| ${r.join(' | ')} |`);
