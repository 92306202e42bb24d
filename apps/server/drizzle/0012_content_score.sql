ALTER TABLE "contents" ADD COLUMN "target_word_count" integer;--> statement-breakpoint
ALTER TABLE "contents" ADD COLUMN "length_status" text;--> statement-breakpoint
ALTER TABLE "contents" ADD COLUMN "length_note" text;--> statement-breakpoint
ALTER TABLE "contents" ADD COLUMN "score" integer;--> statement-breakpoint
ALTER TABLE "contents" ADD COLUMN "score_breakdown" jsonb;--> statement-breakpoint
CREATE INDEX "contents_site_score" ON "contents" USING btree ("site_id","score");