CREATE TABLE "cluster_outliers" (
	"keyword_id" uuid PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"site_id" uuid NOT NULL,
	"cluster_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"proposed_name" text,
	"proposed_cluster_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cluster_outliers" ADD CONSTRAINT "cluster_outliers_keyword_id_keywords_id_fk" FOREIGN KEY ("keyword_id") REFERENCES "public"."keywords"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cluster_outliers" ADD CONSTRAINT "cluster_outliers_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cluster_outliers" ADD CONSTRAINT "cluster_outliers_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cluster_outliers" ADD CONSTRAINT "cluster_outliers_cluster_id_clusters_id_fk" FOREIGN KEY ("cluster_id") REFERENCES "public"."clusters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cluster_outliers" ADD CONSTRAINT "cluster_outliers_proposed_cluster_id_clusters_id_fk" FOREIGN KEY ("proposed_cluster_id") REFERENCES "public"."clusters"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cluster_outliers_site_cluster" ON "cluster_outliers" USING btree ("site_id","cluster_id");