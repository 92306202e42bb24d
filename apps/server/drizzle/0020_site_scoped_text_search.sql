-- custom:begin
-- The lists' text search (`q`, ILIKE '%…%') scoped to the site inside the index: a trigram index over every
-- tenant's rows makes one site's search read every other site's matches too (all tenants' "best" keywords
-- before the site filter), so its cost grows with the whole database, not with the site. btree_gin lets the
-- uuid site_id sit in the same GIN index. PGlite loads btree_gin and pg_trgm in db/client.ts.
CREATE EXTENSION IF NOT EXISTS btree_gin;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "keywords_site_phrase_trgm" ON "keywords" USING gin ("site_id", "phrase" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "clusters_site_name_trgm" ON "clusters" USING gin ("site_id", "name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "ideas_site_title_trgm" ON "ideas" USING gin ("site_id", "title" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "contents_site_title_trgm" ON "contents" USING gin ("site_id", "title" gin_trgm_ops);--> statement-breakpoint
DROP INDEX IF EXISTS "keywords_phrase_trgm";--> statement-breakpoint
DROP INDEX IF EXISTS "clusters_name_trgm";--> statement-breakpoint
DROP INDEX IF EXISTS "ideas_title_trgm";--> statement-breakpoint
DROP INDEX IF EXISTS "contents_title_trgm";
-- custom:end
