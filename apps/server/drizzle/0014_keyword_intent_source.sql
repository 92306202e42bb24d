-- A keyword's status is derived from the pipeline (cluster, ideas, writer tasks, content): no stored copy to drift.
ALTER TABLE "keywords" DROP COLUMN "status";--> statement-breakpoint
-- Who set the intent: intents already stored came with the keyword.
ALTER TABLE "keywords" ADD COLUMN "intent_source" text;--> statement-breakpoint
UPDATE "keywords" SET "intent_source" = 'import' WHERE "intent" IS NOT NULL;
