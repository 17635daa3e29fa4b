CREATE TABLE "sla_policies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"priority" smallint,
	"team_id" uuid,
	"channel_id" uuid,
	"first_response_minutes" integer,
	"next_response_minutes" integer,
	"resolution_minutes" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sla_policies_priority_check" CHECK ("sla_policies"."priority" is null or "sla_policies"."priority" between 1 and 5),
	CONSTRAINT "sla_policies_targets_check" CHECK (coalesce("sla_policies"."first_response_minutes", 1) > 0 and coalesce("sla_policies"."next_response_minutes", 1) > 0
        and coalesce("sla_policies"."resolution_minutes", 1) > 0)
);
--> statement-breakpoint
ALTER TABLE "teams" ADD COLUMN "routing_mode" text DEFAULT 'manual' NOT NULL;--> statement-breakpoint
ALTER TABLE "teams" ADD COLUMN "default_capacity" integer;--> statement-breakpoint
ALTER TABLE "teams" ADD COLUMN "requeue_offline_seconds" integer;--> statement-breakpoint
ALTER TABLE "teams" ADD COLUMN "requeue_unanswered_minutes" integer;--> statement-breakpoint
ALTER TABLE "teams" ADD COLUMN "business_hours" jsonb;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "service_settings" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "business_hours" jsonb;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "csat_comment" text;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "csat_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "queued_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "reopen_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "sla" jsonb;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "sla_breaches" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "capacity" integer;--> statement-breakpoint
ALTER TABLE "sla_policies" ADD CONSTRAINT "sla_policies_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sla_policies" ADD CONSTRAINT "sla_policies_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sla_policies" ADD CONSTRAINT "sla_policies_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sla_policies_tenant_idx" ON "sla_policies" USING btree ("tenant_id");--> statement-breakpoint
ALTER TABLE "teams" ADD CONSTRAINT "teams_routing_mode_check" CHECK ("teams"."routing_mode" in ('manual','round_robin','balanced'));--> statement-breakpoint
ALTER TABLE "teams" ADD CONSTRAINT "teams_default_capacity_check" CHECK ("teams"."default_capacity" is null or "teams"."default_capacity" between 0 and 100);--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_capacity_check" CHECK ("users"."capacity" is null or "users"."capacity" between 0 and 100);--> statement-breakpoint
-- Hand-written: grants and tenant isolation for SLA policies (admins create, change and delete them).
GRANT SELECT, INSERT, UPDATE, DELETE ON sla_policies TO fio_app;
--> statement-breakpoint
ALTER TABLE sla_policies ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE sla_policies FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON sla_policies
  USING (tenant_id = fio_current_tenant()) WITH CHECK (tenant_id = fio_current_tenant());
