/**
 * `npm run bench:cluster`: quality (ARI, NMI, purity against labels), speed and peak
 * memory of the clustering engine on WANDS, CLINC150, the labelled SEO dev set and
 * synthetic SEO lists of 10k and 100k keywords, next to the naive all-pairs baseline where that finishes. Each run
 * is its own child process so peak RSS is per data set.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { DATASETS, type DatasetName } from './datasets';
import type { RunResult } from './run-one';

/** The O(n²) baseline is run where it finishes in reasonable time and memory. */
const BASELINE_ON: DatasetName[] = ['wands', 'clinc150', 'synthetic-10k'];
/** Topic-labelled lists with topics far above the split size: also shown without splitting. */
const WHOLE_ON: DatasetName[] = ['synthetic-10k', 'synthetic-100k'];
const CHILD = fileURLToPath(new URL('./run-one.ts', import.meta.url));
const TIMEOUT_MS = 120_000;

function run(dataset: DatasetName, mode: RunResult['mode']): RunResult | string {
  const child = spawnSync(process.execPath, ['--import', 'tsx', CHILD, dataset, mode], {
    encoding: 'utf8',
    timeout: TIMEOUT_MS,
    maxBuffer: 1 << 20,
  });
  if (child.error || child.status !== 0) {
    return child.error?.message ?? `exit ${child.status}: ${child.stderr.trim().split('\n').slice(-3).join(' ')}`;
  }
  return JSON.parse(child.stdout.trim().split('\n').pop()!) as RunResult;
}

const only = process.argv.slice(2) as DatasetName[];
const sets = only.length > 0 ? only : [...DATASETS];
const rows: string[][] = [];
let failed = false;
for (const d of sets) {
  const e = run(d, 'engine');
  if (typeof e === 'string') {
    failed = true;
    rows.push([d, `engine failed: ${e}`]);
    continue;
  }
  const b = BASELINE_ON.includes(d) ? run(d, 'baseline') : undefined;
  const base =
    b === undefined
      ? [e.n > 20_000 ? 'not run (O(n²))' : '—', '', '', '']
      : typeof b === 'string'
        ? [`failed: ${b}`, '', '', '']
        : [
            b.ari.toFixed(3),
            `${b.seconds.toFixed(2)} s / ${b.peakRssMb.toFixed(0)} MB`,
            ratio(b.seconds, e.seconds),
            ratio(b.peakRssMb - b.startRssMb, e.peakRssMb - e.startRssMb),
          ];
  rows.push(row(d, e, base));
  const w = WHOLE_ON.includes(d) ? run(d, 'whole') : undefined;
  if (typeof w === 'string') {
    failed = true;
    rows.push([`${d}, no split`, `failed: ${w}`]);
  } else if (w) rows.push(row(`${d}, no split`, w, ['', '', '', '']));
  console.error(`done: ${d}`);
}

function row(label: string, e: RunResult, base: string[]): string[] {
  return [
    label,
    String(e.n),
    e.ari.toFixed(3),
    e.nmi.toFixed(3),
    e.quality.purity.toFixed(3),
    `${e.quality.mixed} / ${e.clusters}`,
    String(e.quality.largest),
    String(e.unclustered),
    e.seconds.toFixed(2),
    e.cpuSeconds.toFixed(2),
    e.peakRssMb.toFixed(0),
    (e.peakRssMb - e.startRssMb).toFixed(0),
    ...base,
  ];
}

function ratio(a: number, b: number): string {
  return b > 0 ? `${(a / b).toFixed(1)}×` : 'n/a';
}

const header = [
  'data set',
  'n',
  'ARI',
  'NMI',
  'purity',
  'mixed / clusters',
  'largest',
  'unclustered',
  'seconds',
  'cpu s',
  'peak RSS MB',
  'Δ RSS MB',
  'baseline ARI',
  'baseline time / RSS',
  'time ×',
  'Δ RSS ×',
];
console.log(`| ${header.join(' | ')} |`);
console.log(`| ${header.map(() => '---').join(' | ')} |`);
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
console.log(
  "\nARI/NMI: unclustered keywords count as singletons. Purity: share of clustered keywords in their cluster's majority label;",
);
console.log(
  'mixed: clusters where no label reaches 60 %; largest: keywords in the biggest cluster. Δ RSS: peak minus RSS after loading the data.',
);
console.log('Baseline: same TF-IDF and clustering, all-pairs similarity in a dense n×n matrix; × = baseline / engine.');
console.log(
  '"no split": the engine with maxClusterSize: Infinity (topic labels count every split of a big topic as an error).',
);
if (failed) process.exitCode = 1;
