/** The benchmark's labelled SEO dev set (bench/seo-dev/), read for tests. */
import { readFileSync } from 'node:fs';
import type { ClusterResult, KeywordInput } from '../../src/ai/clustering/index';

export interface LabelledKeyword extends KeywordInput {
  topic: string;
}

/** One list of the dev set, e.g. `gardening-en.csv`; ids are `<file>:<row>`. */
export function devList(file: string): LabelledKeyword[] {
  return readFileSync(new URL(`../../../../bench/seo-dev/${file}`, import.meta.url), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line, i) => {
      const [phrase, topic] = line.split(',') as [string, string];
      return { id: `${file}:${i}`, phrase, topic };
    });
}

/** Share of clustered keywords in their cluster's majority topic, and clusters where no topic reaches 60 %. */
export function purity(res: ClusterResult, list: readonly LabelledKeyword[]): { purity: number; mixed: number } {
  const topicOf = new Map(list.map((k) => [k.id, k.topic]));
  let majority = 0;
  let clustered = 0;
  let mixed = 0;
  for (const c of res.clusters) {
    const counts = new Map<string, number>();
    for (const id of c.keywordIds) counts.set(topicOf.get(id)!, (counts.get(topicOf.get(id)!) ?? 0) + 1);
    const top = Math.max(...counts.values());
    majority += top;
    clustered += c.keywordIds.length;
    if (top < 0.6 * c.keywordIds.length) mixed++;
  }
  return { purity: majority / clustered, mixed };
}
