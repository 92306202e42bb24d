DROP INDEX "contents_site_score";--> statement-breakpoint
ALTER TABLE "clusters" ADD COLUMN "keyword_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "clusters" ADD COLUMN "total_volume" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "clusters" ADD COLUMN "avg_difficulty" double precision;--> statement-breakpoint
ALTER TABLE "clusters" ADD COLUMN "dominant_intent" text;--> statement-breakpoint
ALTER TABLE "clusters" ADD COLUMN "idea_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "clusters_site_name" ON "clusters" USING btree ("site_id",lower("name"),"id");--> statement-breakpoint
CREATE INDEX "clusters_site_volume" ON "clusters" USING btree ("site_id","total_volume" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "ideas_site_created" ON "ideas" USING btree ("site_id","created_at" DESC NULLS FIRST,"id");--> statement-breakpoint
CREATE INDEX "keywords_cluster" ON "keywords" USING btree ("cluster_id");--> statement-breakpoint
CREATE INDEX "keywords_site_volume_desc" ON "keywords" USING btree ("site_id","volume" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "keywords_site_volume_asc" ON "keywords" USING btree ("site_id","volume","id");--> statement-breakpoint
CREATE INDEX "keywords_site_difficulty_desc" ON "keywords" USING btree ("site_id","difficulty" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "keywords_site_difficulty_asc" ON "keywords" USING btree ("site_id","difficulty","id");--> statement-breakpoint
CREATE INDEX "keywords_site_cpc_desc" ON "keywords" USING btree ("site_id","cpc" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "keywords_site_cpc_asc" ON "keywords" USING btree ("site_id","cpc","id");--> statement-breakpoint
CREATE INDEX "keywords_site_created" ON "keywords" USING btree ("site_id","created_at","id");--> statement-breakpoint
CREATE INDEX "contents_site_updated" ON "contents" USING btree ("site_id","updated_at" DESC NULLS FIRST,"id");--> statement-breakpoint
CREATE INDEX "contents_site_score_desc" ON "contents" USING btree ("site_id","score" DESC NULLS LAST,"updated_at" DESC NULLS FIRST,"id");--> statement-breakpoint
CREATE INDEX "image_prompts_site_content" ON "image_prompts" USING btree ("site_id","content_id","position");--> statement-breakpoint
CREATE INDEX "images_site_content" ON "images" USING btree ("site_id","content_id");--> statement-breakpoint
CREATE INDEX "writer_tasks_site_created" ON "writer_tasks" USING btree ("site_id","created_at" DESC NULLS FIRST,"id");--> statement-breakpoint
CREATE INDEX "contents_site_score" ON "contents" USING btree ("site_id","score","updated_at" DESC NULLS FIRST,"id");--> statement-breakpoint
-- custom:begin
-- Text search for the lists' `q` (ILIKE '%…%'): trigram indexes. PGlite loads pg_trgm in db/client.ts.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "keywords_phrase_trgm" ON "keywords" USING gin ("phrase" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "clusters_name_trgm" ON "clusters" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "ideas_title_trgm" ON "ideas" USING gin ("title" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "contents_title_trgm" ON "contents" USING gin ("title" gin_trgm_ops);--> statement-breakpoint
-- Cluster metrics kept exact on write: any statement changing keywords or ideas recomputes the metrics of
-- the clusters it touched (old and new cluster), from the rows themselves, through keywords_cluster/ideas_cluster.
-- The clusters' rows are locked first, so under READ COMMITTED the aggregates (a new snapshot) see every
-- committed change: two writers of one cluster take turns and the later one counts both.
CREATE OR REPLACE FUNCTION clusters_refresh_keyword_metrics(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF ids IS NULL OR cardinality(ids) = 0 THEN RETURN; END IF;
  PERFORM 1 FROM clusters WHERE id = ANY(ids) ORDER BY id FOR NO KEY UPDATE;
  UPDATE clusters c SET keyword_count = m.n, total_volume = m.vol, avg_difficulty = m.diff, dominant_intent = m.intent
  FROM (
    SELECT c2.id,
      (SELECT count(*) FROM keywords k WHERE k.cluster_id = c2.id AND k.account_id = c2.account_id)::int AS n,
      (SELECT coalesce(sum(k.volume), 0) FROM keywords k WHERE k.cluster_id = c2.id AND k.account_id = c2.account_id)::bigint AS vol,
      (SELECT round(avg(k.difficulty)::numeric, 1) FROM keywords k WHERE k.cluster_id = c2.id AND k.account_id = c2.account_id)::float8 AS diff,
      (SELECT k.intent FROM keywords k WHERE k.cluster_id = c2.id AND k.account_id = c2.account_id AND k.intent IS NOT NULL
        GROUP BY k.intent ORDER BY count(*) DESC, k.intent LIMIT 1) AS intent
    FROM clusters c2 WHERE c2.id = ANY(ids)
  ) m
  WHERE c.id = m.id
    AND (c.keyword_count, c.total_volume, c.avg_difficulty, c.dominant_intent) IS DISTINCT FROM (m.n, m.vol, m.diff, m.intent);
END $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION clusters_refresh_idea_metrics(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF ids IS NULL OR cardinality(ids) = 0 THEN RETURN; END IF;
  PERFORM 1 FROM clusters WHERE id = ANY(ids) ORDER BY id FOR NO KEY UPDATE;
  UPDATE clusters c SET idea_count = m.n
  FROM (
    SELECT c2.id, (SELECT count(*) FROM ideas i WHERE i.cluster_id = c2.id AND i.account_id = c2.account_id)::int AS n
    FROM clusters c2 WHERE c2.id = ANY(ids)
  ) m
  WHERE c.id = m.id AND c.idea_count IS DISTINCT FROM m.n;
END $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION keywords_cluster_metrics_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM clusters_refresh_keyword_metrics(ARRAY(SELECT DISTINCT n.cluster_id FROM new_rows n WHERE n.cluster_id IS NOT NULL));
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION keywords_cluster_metrics_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM clusters_refresh_keyword_metrics(ARRAY(SELECT DISTINCT o.cluster_id FROM old_rows o WHERE o.cluster_id IS NOT NULL));
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION keywords_cluster_metrics_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM clusters_refresh_keyword_metrics(ARRAY(
    SELECT DISTINCT x.cluster_id FROM old_rows o JOIN new_rows n ON n.id = o.id
      CROSS JOIN LATERAL (VALUES (o.cluster_id), (n.cluster_id)) x(cluster_id)
    WHERE x.cluster_id IS NOT NULL
      AND (o.cluster_id, o.volume, o.difficulty, o.intent, o.account_id) IS DISTINCT FROM (n.cluster_id, n.volume, n.difficulty, n.intent, n.account_id)));
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION ideas_cluster_metrics_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM clusters_refresh_idea_metrics(ARRAY(SELECT DISTINCT n.cluster_id FROM new_rows n WHERE n.cluster_id IS NOT NULL));
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION ideas_cluster_metrics_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM clusters_refresh_idea_metrics(ARRAY(SELECT DISTINCT o.cluster_id FROM old_rows o WHERE o.cluster_id IS NOT NULL));
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION ideas_cluster_metrics_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM clusters_refresh_idea_metrics(ARRAY(
    SELECT DISTINCT x.cluster_id FROM old_rows o JOIN new_rows n ON n.id = o.id
      CROSS JOIN LATERAL (VALUES (o.cluster_id), (n.cluster_id)) x(cluster_id)
    WHERE x.cluster_id IS NOT NULL AND (o.cluster_id, o.account_id) IS DISTINCT FROM (n.cluster_id, n.account_id)));
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER keywords_cluster_metrics_ins AFTER INSERT ON keywords REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION keywords_cluster_metrics_inserted();--> statement-breakpoint
CREATE TRIGGER keywords_cluster_metrics_upd AFTER UPDATE ON keywords REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION keywords_cluster_metrics_updated();--> statement-breakpoint
CREATE TRIGGER keywords_cluster_metrics_del AFTER DELETE ON keywords REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION keywords_cluster_metrics_deleted();--> statement-breakpoint
CREATE TRIGGER ideas_cluster_metrics_ins AFTER INSERT ON ideas REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION ideas_cluster_metrics_inserted();--> statement-breakpoint
CREATE TRIGGER ideas_cluster_metrics_upd AFTER UPDATE ON ideas REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION ideas_cluster_metrics_updated();--> statement-breakpoint
CREATE TRIGGER ideas_cluster_metrics_del AFTER DELETE ON ideas REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION ideas_cluster_metrics_deleted();--> statement-breakpoint
-- Backfill the metrics of existing clusters.
SELECT clusters_refresh_keyword_metrics(array_agg(id)), clusters_refresh_idea_metrics(array_agg(id)) FROM clusters;
-- custom:end
