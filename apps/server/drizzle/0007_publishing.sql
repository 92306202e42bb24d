CREATE TABLE "publications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"site_id" uuid NOT NULL,
	"content_id" uuid NOT NULL,
	"destination_id" uuid NOT NULL,
	"status" text DEFAULT 'not_published' NOT NULL,
	"scheduled_at" timestamp with time zone,
	"external_id" text,
	"external_url" text,
	"remote_status" text,
	"last_error" jsonb,
	"warnings" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"media" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"published_at" timestamp with time zone,
	"synced_at" timestamp with time zone,
	"requested_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "publishing_destinations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"site_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"url" text NOT NULL,
	"username" text,
	"secret_encrypted" text NOT NULL,
	"secret_mask" text NOT NULL,
	"options" jsonb DEFAULT '{"categories":[],"tags":[]}'::jsonb NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"last_test" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "site_publishing_settings" (
	"site_id" uuid PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"editors_can_publish" boolean DEFAULT false NOT NULL,
	"schedule_mode" text DEFAULT 'immediate' NOT NULL,
	"slot_days" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"slot_times" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"stagger_hours" integer DEFAULT 24 NOT NULL,
	"daily_cap" integer,
	"timezone" text DEFAULT 'UTC' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "publications" ADD CONSTRAINT "publications_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publications" ADD CONSTRAINT "publications_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publications" ADD CONSTRAINT "publications_content_id_contents_id_fk" FOREIGN KEY ("content_id") REFERENCES "public"."contents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publications" ADD CONSTRAINT "publications_destination_id_publishing_destinations_id_fk" FOREIGN KEY ("destination_id") REFERENCES "public"."publishing_destinations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publications" ADD CONSTRAINT "publications_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publishing_destinations" ADD CONSTRAINT "publishing_destinations_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publishing_destinations" ADD CONSTRAINT "publishing_destinations_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "site_publishing_settings" ADD CONSTRAINT "site_publishing_settings_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "site_publishing_settings" ADD CONSTRAINT "site_publishing_settings_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "publications_content_destination" ON "publications" USING btree ("content_id","destination_id");--> statement-breakpoint
CREATE INDEX "publications_site_time" ON "publications" USING btree ("site_id","scheduled_at");--> statement-breakpoint
CREATE INDEX "publications_due" ON "publications" USING btree ("scheduled_at") WHERE "publications"."status" = 'scheduled';--> statement-breakpoint
CREATE INDEX "publishing_destinations_site" ON "publishing_destinations" USING btree ("site_id");