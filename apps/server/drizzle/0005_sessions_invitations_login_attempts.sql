CREATE TABLE "login_attempts" (
	"key" text PRIMARY KEY NOT NULL,
	"window_started_at" timestamp with time zone NOT NULL,
	"failures" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "pending" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "user_tokens" ADD COLUMN "account_id" uuid;--> statement-breakpoint
-- Invitations made before this migration: their users have no password yet. Each becomes a pending membership
-- and its token points at the membership it was created with (the closest in time), so it can be revoked.
UPDATE "memberships" SET "pending" = true WHERE "user_id" IN (SELECT "id" FROM "users" WHERE "password_hash" IS NULL);--> statement-breakpoint
UPDATE "user_tokens" AS t SET "account_id" = (
	SELECT m."account_id" FROM "memberships" m WHERE m."user_id" = t."user_id"
	ORDER BY abs(extract(epoch FROM m."created_at" - t."created_at")) LIMIT 1
) WHERE t."purpose" = 'invite';--> statement-breakpoint
CREATE INDEX "login_attempts_window" ON "login_attempts" USING btree ("window_started_at");--> statement-breakpoint
ALTER TABLE "user_tokens" ADD CONSTRAINT "user_tokens_membership_fk" FOREIGN KEY ("account_id","user_id") REFERENCES "public"."memberships"("account_id","user_id") ON DELETE cascade ON UPDATE no action;