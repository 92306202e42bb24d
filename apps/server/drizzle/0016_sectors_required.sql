ALTER TABLE "clusters" ALTER COLUMN "sector_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "ideas" ALTER COLUMN "sector_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "keywords" ALTER COLUMN "sector_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "contents" ALTER COLUMN "sector_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "writer_tasks" ALTER COLUMN "sector_id" SET NOT NULL;