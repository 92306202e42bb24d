CREATE TABLE "sectors" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"site_id" uuid NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sectors_id_site" UNIQUE("id","site_id")
);
--> statement-breakpoint
ALTER TABLE "clusters" ADD COLUMN "sector_id" uuid;--> statement-breakpoint
ALTER TABLE "ideas" ADD COLUMN "sector_id" uuid;--> statement-breakpoint
ALTER TABLE "keywords" ADD COLUMN "sector_id" uuid;--> statement-breakpoint
ALTER TABLE "contents" ADD COLUMN "sector_id" uuid;--> statement-breakpoint
ALTER TABLE "writer_tasks" ADD COLUMN "sector_id" uuid;--> statement-breakpoint
ALTER TABLE "sectors" ADD CONSTRAINT "sectors_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sectors" ADD CONSTRAINT "sectors_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "sectors_site_name" ON "sectors" USING btree ("site_id",lower("name"));--> statement-breakpoint
CREATE INDEX "sectors_account" ON "sectors" USING btree ("account_id");--> statement-breakpoint
ALTER TABLE "clusters" ADD CONSTRAINT "clusters_sector_fk" FOREIGN KEY ("sector_id","site_id") REFERENCES "public"."sectors"("id","site_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ideas" ADD CONSTRAINT "ideas_sector_fk" FOREIGN KEY ("sector_id","site_id") REFERENCES "public"."sectors"("id","site_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "keywords" ADD CONSTRAINT "keywords_sector_fk" FOREIGN KEY ("sector_id","site_id") REFERENCES "public"."sectors"("id","site_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contents" ADD CONSTRAINT "contents_sector_fk" FOREIGN KEY ("sector_id","site_id") REFERENCES "public"."sectors"("id","site_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "writer_tasks" ADD CONSTRAINT "writer_tasks_sector_fk" FOREIGN KEY ("sector_id","site_id") REFERENCES "public"."sectors"("id","site_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "clusters_sector" ON "clusters" USING btree ("sector_id");--> statement-breakpoint
CREATE INDEX "ideas_sector" ON "ideas" USING btree ("sector_id");--> statement-breakpoint
CREATE INDEX "keywords_sector" ON "keywords" USING btree ("sector_id");--> statement-breakpoint
CREATE INDEX "contents_sector" ON "contents" USING btree ("sector_id");--> statement-breakpoint
CREATE INDEX "writer_tasks_sector" ON "writer_tasks" USING btree ("sector_id");--> statement-breakpoint
-- custom:begin
-- Every site has at least one sector: each existing site gets "General", and every existing row goes into it
-- (then sector_id becomes NOT NULL).
INSERT INTO "sectors" ("account_id", "site_id", "name") SELECT "account_id", "id", 'General' FROM "sites";--> statement-breakpoint
UPDATE "keywords" AS r SET "sector_id" = s."id" FROM "sectors" s WHERE s."site_id" = r."site_id" AND r."sector_id" IS NULL;--> statement-breakpoint
UPDATE "clusters" AS r SET "sector_id" = s."id" FROM "sectors" s WHERE s."site_id" = r."site_id" AND r."sector_id" IS NULL;--> statement-breakpoint
UPDATE "ideas" AS r SET "sector_id" = s."id" FROM "sectors" s WHERE s."site_id" = r."site_id" AND r."sector_id" IS NULL;--> statement-breakpoint
UPDATE "writer_tasks" AS r SET "sector_id" = s."id" FROM "sectors" s WHERE s."site_id" = r."site_id" AND r."sector_id" IS NULL;--> statement-breakpoint
UPDATE "contents" AS r SET "sector_id" = s."id" FROM "sectors" s WHERE s."site_id" = r."site_id" AND r."sector_id" IS NULL;--> statement-breakpoint
ALTER TABLE "clusters" ALTER COLUMN "sector_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "ideas" ALTER COLUMN "sector_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "keywords" ALTER COLUMN "sector_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "contents" ALTER COLUMN "sector_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "writer_tasks" ALTER COLUMN "sector_id" SET NOT NULL;
-- custom:end
