CREATE TABLE "keyword_embeddings" (
	"keyword_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"model" text NOT NULL,
	"phrase" text NOT NULL,
	"vector" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "keyword_embeddings_keyword_id_model_pk" PRIMARY KEY("keyword_id","model")
);
--> statement-breakpoint
ALTER TABLE "keyword_embeddings" ADD CONSTRAINT "keyword_embeddings_keyword_id_keywords_id_fk" FOREIGN KEY ("keyword_id") REFERENCES "public"."keywords"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "keyword_embeddings" ADD CONSTRAINT "keyword_embeddings_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;