CREATE TABLE "keyword_serps" (
	"keyword_id" uuid PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"urls" text[] NOT NULL,
	"source" text NOT NULL,
	"fetched_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "keyword_serps" ADD CONSTRAINT "keyword_serps_keyword_id_keywords_id_fk" FOREIGN KEY ("keyword_id") REFERENCES "public"."keywords"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "keyword_serps" ADD CONSTRAINT "keyword_serps_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;