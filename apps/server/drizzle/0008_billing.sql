CREATE TABLE "account_billing" (
	"account_id" uuid PRIMARY KEY NOT NULL,
	"plan_id" uuid NOT NULL,
	"period_start" timestamp with time zone NOT NULL,
	"period_end" timestamp with time zone NOT NULL,
	"plan_credits" integer NOT NULL,
	"bonus_credits" integer DEFAULT 0 NOT NULL,
	"reserved" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "account_billing_plan_credits" CHECK ("account_billing"."plan_credits" >= 0),
	CONSTRAINT "account_billing_bonus_credits" CHECK ("account_billing"."bonus_credits" >= 0),
	CONSTRAINT "account_billing_reserved" CHECK ("account_billing"."reserved" >= 0)
);
--> statement-breakpoint
CREATE TABLE "billing_settings" (
	"id" text PRIMARY KEY DEFAULT 'platform' NOT NULL,
	"costs" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "credit_ledger" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"amount" integer NOT NULL,
	"plan_amount" integer NOT NULL,
	"bonus_amount" integer NOT NULL,
	"plan_balance_after" integer NOT NULL,
	"bonus_balance_after" integer NOT NULL,
	"operation" text,
	"task_run_id" uuid,
	"item_key" text,
	"actor_user_id" uuid,
	"reason" text,
	"period_start" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "credit_reservations" (
	"task_run_id" uuid PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"amount" integer NOT NULL,
	"held" integer NOT NULL,
	"released_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "model_prices" (
	"model" text PRIMARY KEY NOT NULL,
	"input_per_million" numeric(12, 6) NOT NULL,
	"output_per_million" numeric(12, 6) NOT NULL,
	"per_image" numeric(12, 6) NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"monthly_credits" integer NOT NULL,
	"limits" jsonb NOT NULL,
	"features" jsonb NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"archived" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plans_name_unique" UNIQUE("name")
);
--> statement-breakpoint
ALTER TABLE "usage_events" ADD COLUMN "cost_usd" numeric(12, 6);--> statement-breakpoint
ALTER TABLE "account_billing" ADD CONSTRAINT "account_billing_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_billing" ADD CONSTRAINT "account_billing_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_ledger" ADD CONSTRAINT "credit_ledger_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_reservations" ADD CONSTRAINT "credit_reservations_task_run_id_task_runs_id_fk" FOREIGN KEY ("task_run_id") REFERENCES "public"."task_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_reservations" ADD CONSTRAINT "credit_reservations_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "account_billing_period_end" ON "account_billing" USING btree ("period_end");--> statement-breakpoint
CREATE INDEX "credit_ledger_account_created" ON "credit_ledger" USING btree ("account_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "credit_ledger_one_charge" ON "credit_ledger" USING btree ("task_run_id","item_key") WHERE "credit_ledger"."kind" = 'charge';--> statement-breakpoint
CREATE UNIQUE INDEX "credit_ledger_one_refund" ON "credit_ledger" USING btree ("task_run_id","item_key") WHERE "credit_ledger"."kind" = 'refund';--> statement-breakpoint
CREATE UNIQUE INDEX "credit_ledger_one_reset" ON "credit_ledger" USING btree ("account_id","period_start") WHERE "credit_ledger"."kind" = 'reset';--> statement-breakpoint
CREATE UNIQUE INDEX "plans_one_default" ON "plans" USING btree ("is_default") WHERE "plans"."is_default";--> statement-breakpoint
CREATE FUNCTION "credit_ledger_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Rows leave only with their account: a cascade from accounts runs below this trigger's own depth.
  IF TG_OP = 'DELETE' AND pg_trigger_depth() > 1 THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'credit_ledger is append-only: % refused', TG_OP USING ERRCODE = 'restrict_violation';
END
$$;
--> statement-breakpoint
CREATE TRIGGER "credit_ledger_append_only" BEFORE UPDATE OR DELETE ON "credit_ledger" FOR EACH ROW EXECUTE FUNCTION "credit_ledger_append_only"();
--> statement-breakpoint
INSERT INTO "plans" ("name", "monthly_credits", "limits", "features", "is_default") VALUES
  ('Open', 1000, '{"sites":25,"members":25,"keywords":250000}', '{"ownAiKeys":true,"automation":true}', true),
  ('Starter', 1000, '{"sites":2,"members":2,"keywords":500}', '{"ownAiKeys":false,"automation":false}', false),
  ('Growth', 2000, '{"sites":5,"members":3,"keywords":2000}', '{"ownAiKeys":true,"automation":true}', false),
  ('Scale', 5000, '{"sites":99,"members":5,"keywords":5000}', '{"ownAiKeys":true,"automation":true}', false);
--> statement-breakpoint
INSERT INTO "model_prices" ("model", "input_per_million", "output_per_million", "per_image") VALUES
  ('gpt-4o-mini', 0.15, 0.60, 0),
  ('gpt-4o', 2.50, 10.00, 0),
  ('gpt-4.1', 2.00, 8.00, 0),
  ('gpt-4.1-mini', 0.40, 1.60, 0),
  ('gpt-4.1-nano', 0.10, 0.40, 0),
  ('gpt-image-1', 5.00, 40.00, 0),
  ('dall-e-3', 0, 0, 0.04),
  ('dall-e-2', 0, 0, 0.02);
