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
        from writer_tasks wt left join contents c on c.writer_task_id = wt.id
        where wt.account_id = ${a} and wt.site_id = ${siteId}
        group by wt.id
      ) w
      union all
      select ${norm(sql`e.v`)}, w.stage from (
        select wt.secondary_keywords as sec,
          case when bool_or(c.status = 'published') then 4 when count(c.id) > 0 then 3 else 2 end as stage
        from writer_tasks wt left join contents c on c.writer_task_id = wt.id
        where wt.account_id = ${a} and wt.site_id = ${siteId}
        group by wt.id
      ) w cross join lateral jsonb_array_elements_text(w.sec) as e(v)
      union all
      select ${norm(sql`c.primary_keyword`)}, case when c.status = 'published' then 4 else 3 end from contents c where c.account_id = ${a} and c.site_id = ${siteId}
    ) x group by norm
  ) as keyword_stage`;
}

/**
 * The keyword list's join that gives each keyword its pipeline status: `new`, `clustered` once in a
 * cluster, `in_idea` when an idea targets it or its cluster has ideas, then `queued`, `written`,
 * `published` as the work targeting it moves on. Derived in the query, so no step anywhere has to
 * remember to update it, and deleting an idea or article moves the keyword back.
 */
export function keywordStatusJoin(t: TenantContext, siteId: string): { table: SQL; on: SQL; status: SQL<KeywordStatus> } {
  const clusterHasIdea = sql`exists (select 1 from ideas ci where ci.cluster_id = ${keywords.clusterId} and ci.account_id = ${t.accountId})`;
  return {
    table: targetStages(t, siteId),
    on: sql`keyword_stage.norm = ${keywords.phraseNorm}`,
    status: sql<KeywordStatus>`(case greatest(coalesce(keyword_stage.stage, 0), case when ${keywords.clusterId} is not null and ${clusterHasIdea} then 1 else 0 end)
      when 4 then 'published' when 3 then 'written' when 2 then 'queued' when 1 then 'in_idea'
      else case when ${keywords.clusterId} is null then 'new' else 'clustered' end end)`,
  };
}

type TargetRow = { norm: string; kind: 'idea' | 'content'; id: string; title: string; role: 'primary' | 'secondary'; status: string; piece: string };

/**
 * Keywords that more than one piece of work targets (as primary or secondary keyword): competing
 * ideas or articles. An idea and the article written from it are one piece. Most pieces first.
 */
export async function listCannibalisedKeywords(db: Db, t: TenantContext, siteId: string, page: { limit: number; offset: number }): Promise<{ items: CannibalKeyword[]; total: number }> {
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
  type Found = { norm: string; pieces: number; keyword_id: string | null; phrase: string | null; volume: number | null; total: number };
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
      targets: (byNorm.get(r.norm) ?? []).map(({ kind, id, title, role, status }) => ({ kind, id, title, role, status })),
    })),
  };
}
