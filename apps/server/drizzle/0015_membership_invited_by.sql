ALTER TABLE "memberships" ADD COLUMN "invited_by" uuid;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
-- custom:begin
-- Pending invitations sent before this column existed: their inviter is in the audit log.
UPDATE "memberships" m SET "invited_by" = (
  SELECT e."actor_user_id" FROM "audit_events" e
  JOIN "users" u ON u."id" = e."actor_user_id"
  WHERE e."account_id" = m."account_id" AND e."action" = 'member.invited' AND e."target_id" = m."user_id"::text
  ORDER BY e."created_at" DESC LIMIT 1
) WHERE m."pending" = true AND m."invited_by" IS NULL;
-- custom:end
