/**
 * `npm run bench:writing`: words per minute of the article writer against the project's mock
 * provider at 500 ms per call, before (one call per article, the whole target asked at once) and
 * after (section by section: the sections in parallel, a short one extended once, then intro,
 * conclusion and meta). Both run through the same AiSession (retries, the settings' concurrency)
 * and OpenAI client, with ARTICLES articles in flight as the content task keeps them.
 *
 * Two kinds of model: one that answers as long as asked, and one that stops early (at most
 * 600 words per answer, as the issue measured: a 3,150-word target came back at 197 words).
 *
 * BENCH_WRITING_ARTICLES=16  BENCH_WRITING_TARGET=1800  BENCH_WRITING_LATENCY=500  BENCH_WRITING_CONCURRENCY=8
 */
import pLimit from 'p-limit';
import { z } from 'zod';
import { startMockOpenAI, type AnswerLength } from '../e2e/mock-openai/index';
import { LENGTH_TOLERANCE, type ContentType, type OutlineItem } from '../packages/contracts/src/index';
import { AiSession, type AiFunction } from '../apps/server/src/ai/session';
import type { ResolvedSettings } from '../apps/server/src/ai/providers/types';
import { defaultRetryPolicy } from '../apps/server/src/ai/retry';
import { OutboundPolicy } from '../apps/server/src/net/outbound';
import { wordCount } from '../apps/server/src/modules/writer/html';
import { writeLongForm } from '../apps/server/src/modules/writer/section-writer';

const ARTICLES = Number(process.env.BENCH_WRITING_ARTICLES ?? 16);
const TARGET = Number(process.env.BENCH_WRITING_TARGET ?? 1800);
const LATENCY = Number(process.env.BENCH_WRITING_LATENCY ?? 500);
const CONCURRENCY = Number(process.env.BENCH_WRITING_CONCURRENCY ?? 8);

const outline: OutlineItem[] = [
  { level: 2, text: 'Home coffee at a glance' },
  { level: 2, text: 'Choosing the right equipment' },
  { level: 3, text: 'Grinders' },
  { level: 3, text: 'Scales' },
  { level: 2, text: 'Step by step' },
  { level: 2, text: 'Common mistakes to avoid' },
  { level: 2, text: 'Storing beans' },
];

interface Brief {
  title: string;
  primaryKeyword: string;
  secondaryKeywords: string[];
  outline: OutlineItem[];
  targetWordCount: number;
  contentType: ContentType;
  language: string;
  niche: string | null;
}

/** The writer before this change (one call for the whole article), kept here as the baseline. */
const oneShotArticle: AiFunction<
  Brief,
  { title: string; metaTitle: string; metaDescription: string; excerpt: string; bodyHtml: string }
> = {
  name: 'article',
  schema: z.object({
    title: z.string().min(10).max(120),
    metaTitle: z.string().min(10).max(60),
    metaDescription: z.string().min(50).max(160),
    excerpt: z.string().min(30).max(400),
    bodyHtml: z.string().min(200),
  }),
  outputTokens: (i) => Math.ceil(i.targetWordCount * 1.4) + 200,
  prompt: (i) => ({
    system: `You are an expert writer producing publish-ready SEO articles. Write in the language with code "${i.language}".`,
    prompt: `Write a ${i.contentType} of about ${i.targetWordCount} words titled "${i.title}".
Primary keyword: ${i.primaryKeyword}
Secondary keywords to cover naturally: ${i.secondaryKeywords.join(', ') || 'none'}
Outline:
${i.outline.map((o) => `${o.level === 2 ? '##' : '###'} ${o.text}`).join('\n')}`,
  }),
  offline: () => {
    throw new Error('not used');
  },
};

interface Row {
  model: string;
  writer: string;
  calls: number;
  seconds: number;
  words: number;
  onTarget: number;
  /** words of the articles within ±15 % of their target */
  onTargetWords: number;
}

const mock = await startMockOpenAI({ latencyMs: LATENCY });
const policy = new OutboundPolicy({ allowHosts: '', timeoutMs: 60_000 });
const settings: ResolvedSettings = {
  capability: 'text',
  provider: 'openai_compatible',
  baseUrl: mock.url,
  model: 'gpt-bench',
  options: { outputMode: 'structured', concurrency: CONCURRENCY },
  apiKey: 'sk-bench',
  source: 'account',
  outbound: { policy, trusted: true, imageMaxBytes: 1024 * 1024 },
};

async function run(
  model: string,
  length: AnswerLength,
  writer: 'one-shot (before)' | 'sections (after)',
): Promise<Row> {
  mock.reset();
  mock.setAnswerLength(length);
  const session = new AiSession(settings, async () => {}, defaultRetryPolicy);
  const items = pLimit(session.itemConcurrency);
  const briefs: Brief[] = Array.from({ length: ARTICLES }, (_, n) => ({
    title: `Home coffee guide ${n + 1}`,
    primaryKeyword: 'home coffee',
    secondaryKeywords: ['coffee grinder', 'brew ratio'],
    outline,
    targetWordCount: TARGET,
    contentType: 'how-to',
    language: 'en',
    niche: 'coffee at home',
  }));
  const t0 = performance.now();
  const words = await Promise.all(
    briefs.map((b) =>
      items(async () =>
        writer === 'one-shot (before)'
          ? wordCount((await session.text(oneShotArticle, b)).bodyHtml)
          : (await writeLongForm(session, { ...b, faq: false, hubLinks: [] })).wordCount,
      ),
    ),
  );
  const seconds = (performance.now() - t0) / 1000;
  return {
    model,
    writer,
    calls: mock.requests.filter((r) => r.endpoint === 'chat').length,
    seconds,
    words: words.reduce((a, b) => a + b, 0),
    onTarget: words.filter((w) => Math.abs(w - TARGET) / TARGET <= LENGTH_TOLERANCE).length,
    onTargetWords: words.filter((w) => Math.abs(w - TARGET) / TARGET <= LENGTH_TOLERANCE).reduce((a, b) => a + b, 0),
  };
}

const rows: Row[] = [];
for (const [model, length] of [
  ['answers as long as asked', { ratio: 1 }],
  ['stops at 600 words an answer', { ratio: 1, maxWords: 600 }],
] as const) {
  for (const writer of ['one-shot (before)', 'sections (after)'] as const) rows.push(await run(model, length, writer));
}
await mock.close();
await policy.close();

console.log(
  `\n${ARTICLES} articles of ${TARGET} words (how-to, 5 H2 + 2 H3), mock at ${LATENCY} ms per call, concurrency ${CONCURRENCY}\n`,
);
console.log(
  '| model | writer | calls | wall s | words / article | words per minute | within ±15 % | on-target words per minute |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
for (const r of rows) {
  console.log(
    `| ${r.model} | ${r.writer} | ${r.calls} | ${r.seconds.toFixed(1)} | ${Math.round(r.words / ARTICLES)} | ${Math.round(r.words / (r.seconds / 60)).toLocaleString('en')} | ${r.onTarget} / ${ARTICLES} | ${Math.round(r.onTargetWords / (r.seconds / 60)).toLocaleString('en')} |`,
  );
}
