CREATE TABLE "provider_rate_limits" (
	"key" text PRIMARY KEY NOT NULL,
	"points" integer DEFAULT 0 NOT NULL,
	"expire" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "task_runs" ADD COLUMN "idempotency_key" text;--> statement-breakpoint
ALTER TABLE "task_runs" ADD COLUMN "request_hash" text;--> statement-breakpoint
ALTER TABLE "task_runs" ADD COLUMN "targets" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "task_runs_idempotency_key" ON "task_runs" USING btree ("account_id","idempotency_key") WHERE "task_runs"."idempotency_key" is not null;--> statement-breakpoint
CREATE INDEX "task_runs_account_live" ON "task_runs" USING btree ("account_id","kind") WHERE "task_runs"."status" in ('queued', 'running');