CREATE TABLE "contents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"site_id" uuid NOT NULL,
	"writer_task_id" uuid,
	"title" text NOT NULL,
	"slug" text NOT NULL,
	"body_html" text NOT NULL,
	"meta_title" text NOT NULL,
	"meta_description" text NOT NULL,
	"excerpt" text NOT NULL,
	"word_count" integer NOT NULL,
	"primary_keyword" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"source" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "image_prompts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"site_id" uuid NOT NULL,
	"content_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"placement" text,
	"position" integer NOT NULL,
	"prompt" text NOT NULL,
	"alt" text NOT NULL,
	"caption" text NOT NULL,
	"style" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "images" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"site_id" uuid NOT NULL,
	"content_id" uuid NOT NULL,
	"image_prompt_id" uuid NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"error" jsonb,
	"file_key" text,
	"mime_type" text,
	"provider" text,
	"model" text,
	"revised_prompt" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "writer_tasks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"site_id" uuid NOT NULL,
	"idea_id" uuid,
	"cluster_id" uuid,
	"title" text NOT NULL,
	"primary_keyword" text NOT NULL,
	"secondary_keywords" jsonb NOT NULL,
	"outline" jsonb NOT NULL,
	"target_word_count" integer NOT NULL,
	"content_type" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "contents" ADD CONSTRAINT "contents_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contents" ADD CONSTRAINT "contents_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contents" ADD CONSTRAINT "contents_writer_task_id_writer_tasks_id_fk" FOREIGN KEY ("writer_task_id") REFERENCES "public"."writer_tasks"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "image_prompts" ADD CONSTRAINT "image_prompts_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "image_prompts" ADD CONSTRAINT "image_prompts_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "image_prompts" ADD CONSTRAINT "image_prompts_content_id_contents_id_fk" FOREIGN KEY ("content_id") REFERENCES "public"."contents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "images" ADD CONSTRAINT "images_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "images" ADD CONSTRAINT "images_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "images" ADD CONSTRAINT "images_content_id_contents_id_fk" FOREIGN KEY ("content_id") REFERENCES "public"."contents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "images" ADD CONSTRAINT "images_image_prompt_id_image_prompts_id_fk" FOREIGN KEY ("image_prompt_id") REFERENCES "public"."image_prompts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "writer_tasks" ADD CONSTRAINT "writer_tasks_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "writer_tasks" ADD CONSTRAINT "writer_tasks_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "writer_tasks" ADD CONSTRAINT "writer_tasks_idea_id_ideas_id_fk" FOREIGN KEY ("idea_id") REFERENCES "public"."ideas"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "writer_tasks" ADD CONSTRAINT "writer_tasks_cluster_id_clusters_id_fk" FOREIGN KEY ("cluster_id") REFERENCES "public"."clusters"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "contents_writer_task" ON "contents" USING btree ("writer_task_id");--> statement-breakpoint
CREATE INDEX "contents_site" ON "contents" USING btree ("site_id");--> statement-breakpoint
CREATE INDEX "image_prompts_content" ON "image_prompts" USING btree ("content_id");--> statement-breakpoint
CREATE UNIQUE INDEX "images_prompt" ON "images" USING btree ("image_prompt_id");--> statement-breakpoint
CREATE INDEX "images_content" ON "images" USING btree ("content_id");--> statement-breakpoint
CREATE UNIQUE INDEX "writer_tasks_idea" ON "writer_tasks" USING btree ("idea_id");--> statement-breakpoint
CREATE INDEX "writer_tasks_site" ON "writer_tasks" USING btree ("site_id");