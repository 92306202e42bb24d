import type { CannibalKeyword, KeywordStatus } from '@igny8/contracts';
import { sql, type SQL } from 'drizzle-orm';
import type { TenantContext } from '../../access/context';
import type { Db } from '../../db/client';
import { keywords } from '../../db/schema/index';

/** A phrase as `normalizePhrase` stores it (case and spacing folded), so ideas' keywords meet the site's keywords. */
const norm = (expr: SQL) => sql`lower(regexp_replace(btrim(${expr}), '\\s+', ' ', 'g'))`;

/**
 * Every phrase the site's ideas, writer tasks and content target, with how far its work has gone:
 * 1 in an idea, 2 queued to the writer, 3 written, 4 published. Content counts for its writer task's
 * keywords too (primary and secondary). Small: a handful of rows per idea.
 */
function targetStages(t: TenantContext, siteId: string): SQL {
  const a = t.accountId;
  return sql`(
    select norm, max(stage) as stage from (
      select ${norm(sql`i.primary_keyword`)} as norm, 1 as stage from ideas i where i.account_id = ${a} and i.site_id = ${siteId}
      union all
      select ${norm(sql`e.v`)}, 1 from ideas i cross join lateral jsonb_array_elements_text(i.secondary_keywords) as e(v) where i.account_id = ${a} and i.site_id = ${siteId}
      union all
      select ${norm(sql`w.kw`)}, w.stage from (
        select wt.primary_keyword as kw, wt.secondary_keywords as sec,
          case when bool_or(c.status = 'published') then 4 when count(c.id) > 0 then 3 else 2 end as stage
        from writer_tasks wt left join contents c on c.writer_task_id = wt.id and c.account_id = ${a} and c.site_id = ${siteId}
        where wt.account_id = ${a} and wt.site_id = ${siteId}
        group by wt.id
      ) w
      union all
      select ${norm(sql`e.v`)}, w.stage from (
        select wt.secondary_keywords as sec,
          case when bool_or(c.status = 'published') then 4 when count(c.id) > 0 then 3 else 2 end as stage
        from writer_tasks wt left join contents c on c.writer_task_id = wt.id and c.account_id = ${a} and c.site_id = ${siteId}
        where wt.account_id = ${a} and wt.site_id = ${siteId}
        group by wt.id
      ) w cross join lateral jsonb_array_elements_text(w.sec) as e(v)
      union all
      select ${norm(sql`c.primary_keyword`)}, case when c.status = 'published' then 4 else 3 end from contents c where c.account_id = ${a} and c.site_id = ${siteId}
    ) x group by norm
  ) as keyword_stage`;
}

const statusByStage: Record<number, KeywordStatus> = { 4: 'published', 3: 'written', 2: 'queued', 1: 'in_idea' };
const stageOf: Partial<Record<KeywordStatus, number>> = { published: 4, written: 3, queued: 2, in_idea: 1 };

/** Clusters of the site with at least one idea: their keywords are in an idea. */
const clustersWithIdeas = (t: TenantContext, siteId: string) =>
  sql`(select ci.cluster_id from ideas ci where ci.account_id = ${t.accountId} and ci.site_id = ${siteId} and ci.cluster_id is not null)`;

/**
 * A keyword's pipeline status is derived, never stored: `new`, `clustered` once in a cluster,
 * `in_idea` when an idea targets it or its cluster has ideas, then `queued`, `written`, `published`
 * as the work targeting it moves on. No step anywhere has to remember to update it, and deleting
 * an idea or unpublishing an article moves the keyword back.
 *
 * The filter on a status, as uncorrelated sub-selects (each computed once and hashed): a join of
 * the grouped targets to every keyword lets the planner pick a nested loop over 100k keywords.
 */
export function keywordStatusFilter(t: TenantContext, siteId: string, status: KeywordStatus): SQL {
  const targets = targetStages(t, siteId);
  const atStage = (n: number) =>
    sql`${keywords.phraseNorm} in (select keyword_stage.norm from ${targets} where keyword_stage.stage = ${n})`;
  const beyond = (n: number) =>
    sql`${keywords.phraseNorm} not in (select keyword_stage.norm from ${targets} where keyword_stage.stage > ${n} and keyword_stage.norm is not null)`;
  const inIdeaCluster = sql`${keywords.clusterId} in ${clustersWithIdeas(t, siteId)}`;
  const stage = stageOf[status];
  if (stage && stage > 1) return atStage(stage);
  if (status === 'in_idea') return sql`(${atStage(1)} or (${inIdeaCluster} and ${beyond(1)}))`;
  const untargeted = beyond(0);
  if (status === 'clustered')
    return sql`(${keywords.clusterId} is not null and not (${inIdeaCluster}) and ${untargeted})`;
  return sql`(${keywords.clusterId} is null and ${untargeted})`;
}

/** The statuses of a page of keywords (at most a few thousand), from two small look-ups. */
export async function keywordStatuses(
  db: Db,
  t: TenantContext,
  siteId: string,
  rows: { phraseNorm: string; clusterId: string | null }[],
): Promise<KeywordStatus[]> {
  if (rows.length === 0) return [];
  const norms = [...new Set(rows.map((r) => r.phraseNorm))];
  const clusterIds = [...new Set(rows.flatMap((r) => (r.clusterId ? [r.clusterId] : [])))];
  const list = (values: string[]) =>
    sql.join(
      values.map((v) => sql`${v}`),
      sql`, `,
    );
  const [stages, withIdeas] = await Promise.all([
    db.execute(
      sql`select keyword_stage.norm, keyword_stage.stage from ${targetStages(t, siteId)} where keyword_stage.norm in (${list(norms)})`,
    ),
    clusterIds.length
      ? db.execute(
          sql`select distinct cluster_id from ideas where account_id = ${t.accountId} and site_id = ${siteId} and cluster_id in (${list(clusterIds)})`,
        )
      : Promise.resolve({ rows: [] }),
  ]);
  const stageByNorm = new Map(
    (stages as unknown as { rows: { norm: string; stage: number }[] }).rows.map((r) => [r.norm, Number(r.stage)]),
  );
  const ideaClusters = new Set(
    (withIdeas as unknown as { rows: { cluster_id: string }[] }).rows.map((r) => r.cluster_id),
  );
  return rows.map((r) => {
    const stage = Math.max(stageByNorm.get(r.phraseNorm) ?? 0, r.clusterId && ideaClusters.has(r.clusterId) ? 1 : 0);
    return statusByStage[stage] ?? (r.clusterId ? 'clustered' : 'new');
  });
}

type TargetRow = {
  norm: string;
  kind: 'idea' | 'content';
  id: string;
  title: string;
  role: 'primary' | 'secondary';
  status: string;
  piece: string;
};

/**
 * Keywords that more than one piece of work targets (as primary or secondary keyword): competing
 * ideas or articles. An idea and the article written from it are one piece. Most pieces first.
 */
export async function listCannibalisedKeywords(
  db: Db,
  t: TenantContext,
  siteId: string,
  page: { limit: number; offset: number },
): Promise<{ items: CannibalKeyword[]; total: number }> {
  const a = t.accountId;
  const targets = sql`(
    select ${norm(sql`i.primary_keyword`)} as norm, 'idea' as kind, i.id::text as id, i.title, 'primary' as role, i.status, i.id::text as piece
      from ideas i where i.account_id = ${a} and i.site_id = ${siteId}
    union all
    select ${norm(sql`e.v`)}, 'idea', i.id::text, i.title, 'secondary', i.status, i.id::text
      from ideas i cross join lateral jsonb_array_elements_text(i.secondary_keywords) as e(v) where i.account_id = ${a} and i.site_id = ${siteId}
    union all
    select ${norm(sql`c.primary_keyword`)}, 'content', c.id::text, c.title, 'primary', c.status, coalesce(wt.idea_id::text, c.id::text)
      from contents c left join writer_tasks wt on wt.id = c.writer_task_id where c.account_id = ${a} and c.site_id = ${siteId}
    union all
    select ${norm(sql`e.v`)}, 'content', c.id::text, c.title, 'secondary', c.status, coalesce(wt.idea_id::text, c.id::text)
      from contents c join writer_tasks wt on wt.id = c.writer_task_id cross join lateral jsonb_array_elements_text(wt.secondary_keywords) as e(v)
      where c.account_id = ${a} and c.site_id = ${siteId}
  )`;
  const contested = sql`(select norm, count(distinct piece) as pieces from ${targets} tg group by norm having count(distinct piece) > 1)`;
  type Found = {
    norm: string;
    pieces: number;
    keyword_id: string | null;
    phrase: string | null;
    volume: number | null;
    total: number;
  };
  const rows = (await db.execute(sql`
    select ct.norm, ct.pieces::int as pieces, k.id as keyword_id, k.phrase, k.volume, count(*) over ()::int as total
    from ${contested} ct
    left join keywords k on k.account_id = ${a} and k.site_id = ${siteId} and k.phrase_norm = ct.norm
    order by ct.pieces desc, k.volume desc nulls last, ct.norm
    limit ${page.limit} offset ${page.offset}`)) as unknown as { rows: Found[] };
  const found = rows.rows;
  if (found.length === 0) return { items: [], total: 0 };
  const norms = found.map((r) => r.norm);
  const detail = (await db.execute(
    sql`select * from ${targets} tg where tg.norm in (${sql.join(
      norms.map((n) => sql`${n}`),
      sql`, `,
    )}) order by tg.kind desc, tg.role, tg.title`,
  )) as unknown as { rows: TargetRow[] };
  const byNorm = new Map<string, TargetRow[]>();
  for (const r of detail.rows) byNorm.set(r.norm, [...(byNorm.get(r.norm) ?? []), r]);
  return {
    total: found[0]!.total,
    items: found.map((r) => ({
      phrase: r.phrase ?? r.norm,
      keywordId: r.keyword_id,
      volume: r.volume,
      pieces: r.pieces,
      targets: (byNorm.get(r.norm) ?? []).map(({ kind, id, title, role, status }) => ({
        kind,
        id,
        title,
        role,
        status,
      })),
    })),
  };
}
