import type { ExecuteSql } from '../../src/db/client';

/** How many rows of each list to put into one site (set-based SQL: seconds for 100k keywords). */
export interface ListSeed {
  keywords: number;
  clusters: number;
  ideas: number;
  writerTasks: number;
  contents: number;
  images: number;
  taskRuns: number;
}

const words = [
  'best',
  'coffee',
  'grinder',
  'espresso',
  'cheap',
  'review',
  'how',
  'to',
  'brew',
  'cold',
  'beans',
  'roast',
  'machine',
  'milk',
  'filter',
  'pour',
  'over',
  'french',
  'press',
  'latte',
];
const wordArray = `array[${words.map((w) => `'${w}'`).join(',')}]`;
/** A phrase of three words picked by `n` (about 1 phrase in 7 contains "best"), made unique by a number. */
const phraseOf = (n: string) =>
  `(${wordArray})[1 + (${n} * 7) % 20] || ' ' || (${wordArray})[1 + (${n} * 13) % 20] || ' ' || (${wordArray})[1 + (${n} / 20) % 20] || ' ' || ${n}`;

/**
 * Fills one site's lists with `n` rows each, the shapes the app writes: keywords with volumes, difficulties,
 * intents and (two in three) a cluster; ideas, writer tasks, articles, image prompts and images; task runs of
 * the account. Then ANALYZE, so the planner sees the sizes.
 */
export async function seedLists(
  exec: ExecuteSql,
  accountId: string,
  siteId: string,
  n: ListSeed,
  tag = 's',
  opts: { analyze?: boolean } = {},
): Promise<void> {
  const a = `'${accountId}'::uuid`;
  const s = `'${siteId}'::uuid`;
  // Every row sits in a sector of its site: the site's first (a site inserted directly gets one here).
  await exec(
    `insert into sectors (account_id, site_id, name) select ${a}, ${s}, 'General' where not exists (select 1 from sectors where site_id = ${s})`,
  );
  const sector = `(select id from sectors where site_id = ${s} order by created_at, id limit 1)`;
  await exec(
    `insert into clusters (account_id, site_id, sector_id, name, description, terms)
     select ${a}, ${s}, ${sector}, 'Cluster ${tag} ' || g || ' ' || (${wordArray})[1 + g % 20], '', '[]'::jsonb from generate_series(1, ${n.clusters}) g`,
  );
  // Keywords go in with their cluster in one statement per 20k rows, so the metrics triggers run once per batch.
  for (let from = 1; from <= n.keywords; from += 20_000) {
    const to = Math.min(n.keywords, from + 19_999);
    await exec(
      `with c as (select id, row_number() over (order by id) as r from clusters where site_id = ${s})
       insert into keywords (account_id, site_id, sector_id, phrase, phrase_norm, volume, difficulty, cpc, intent, intent_source, cluster_id)
       select ${a}, ${s}, ${sector}, ${phraseOf('g')}, ${phraseOf('g')},
         case when g % 10 = 0 then null else (g * 7919) % 100000 end,
         case when g % 12 = 0 then null else ((g * 31) % 1000) / 10.0 end,
         case when g % 8 = 0 then null else ((g * 17) % 2000) / 100.0 end,
         (array['informational','commercial','transactional','navigational'])[1 + g % 4], 'rules',
         c.id
       from generate_series(${from}, ${to}) g left join c on g % 3 <> 0 and c.r = 1 + g % greatest(${n.clusters}, 1)`,
    );
  }
  await exec(
    `with c as (select id, row_number() over (order by id) as r from clusters where site_id = ${s})
     insert into ideas (account_id, site_id, sector_id, cluster_id, title, summary, content_type, outline, primary_keyword, secondary_keywords, target_word_count, status, source)
     select ${a}, ${s}, ${sector}, c.id, 'Idea ' || ${phraseOf('g')}, 'summary', 'article', '[]'::jsonb,
       'idea keyword ${tag} ' || g, '[]'::jsonb, 1200, (array['new','queued','done'])[1 + g % 3], 'template'
     from generate_series(1, ${n.ideas}) g left join c on c.r = 1 + g % greatest(${n.clusters}, 1)`,
  );
  await exec(
    `insert into writer_tasks (account_id, site_id, sector_id, title, primary_keyword, secondary_keywords, outline, target_word_count, content_type, status)
     select ${a}, ${s}, ${sector}, 'Task ' || g, 'task keyword ${tag} ' || g, '[]'::jsonb, '[]'::jsonb, 1200, 'article', (array['queued','generating','done','failed'])[1 + g % 4]
     from generate_series(1, ${n.writerTasks}) g`,
  );
  await exec(
    `insert into contents (account_id, site_id, sector_id, title, slug, body_html, meta_title, meta_description, excerpt, word_count, primary_keyword, status, source, score, updated_at)
     select ${a}, ${s}, ${sector}, 'Article ' || ${phraseOf('g')}, 'article-${tag}-' || g, '<p>body</p>', 'meta', 'description', 'excerpt', 1000, 'content keyword ${tag} ' || g,
       (array['draft','review','approved','published'])[1 + g % 4], 'template', case when g % 5 = 0 then null else g % 100 end, now() - g * interval '1 minute'
     from generate_series(1, ${n.contents}) g`,
  );
  await exec(
    `with c as (select id, row_number() over (order by id) as r from contents where site_id = ${s})
     insert into image_prompts (account_id, site_id, content_id, kind, position, prompt, alt, caption, style)
     select ${a}, ${s}, c.id, 'inline', g, 'prompt', 'alt', 'caption', 'photo'
     from generate_series(1, ${n.contents > 0 ? n.images : 0}) g join c on c.r = 1 + g % greatest(${n.contents}, 1)`,
  );
  await exec(
    `insert into images (account_id, site_id, content_id, image_prompt_id, status)
     select ${a}, ${s}, p.content_id, p.id, (array['queued','generated','failed'])[1 + p.position % 3] from image_prompts p where p.site_id = ${s}`,
  );
  await exec(
    `insert into task_runs (account_id, site_id, kind, title, status, input, created_at)
     select ${a}, ${s}, 'clusters.auto', 'Run ' || g, (array['succeeded','failed','partial','cancelled'])[1 + g % 4], '{}'::jsonb, now() - g * interval '1 minute'
     from generate_series(1, ${n.taskRuns}) g`,
  );
  // VACUUM as autovacuum would by then: the visibility map lets counts read the index alone.
  if (opts.analyze !== false) await exec('vacuum analyze');
}

/** `count` more sites of an account (inserted directly: a plan's site limit does not apply to seeding), each seeded like `seedLists`. */
export async function seedOtherSites(exec: ExecuteSql, accountId: string, count: number, n: ListSeed): Promise<void> {
  const { rows } = await exec(
    `insert into sites (account_id, name, url) select $1, 'Other site ' || g, 'https://other' || g || '.example' from generate_series(1, ${count}) g returning id`,
    [accountId],
  );
  for (const [i, r] of (rows as { id: string }[]).entries())
    await seedLists(exec, accountId, r.id, n, `o${i}`, { analyze: false });
}
