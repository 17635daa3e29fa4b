CREATE TABLE "report_conversation_hours" (
	"tenant_id" uuid NOT NULL,
	"conversation_id" uuid NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"ticket_id" uuid,
	"channel_id" uuid,
	"messages_in" integer NOT NULL,
	"messages_out" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_hours" (
	"tenant_id" uuid NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"channel_id" uuid,
	"agent_id" uuid,
	"team_id" uuid,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"messages_in" integer NOT NULL,
	"messages_out" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_state" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"watermark" timestamp with time zone,
	"fresh_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "report_tickets" (
	"tenant_id" uuid NOT NULL,
	"ticket_id" uuid NOT NULL,
	"conversation_id" uuid NOT NULL,
	"channel_id" uuid,
	"agent_id" uuid,
	"team_id" uuid,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"first_response_at" timestamp with time zone,
	"first_response_agent_id" uuid,
	"first_response_seconds" double precision,
	"resolution_seconds" double precision,
	"handed_off_at" timestamp with time zone,
	"handoff_reason" text,
	"human" boolean NOT NULL,
	"contained" boolean NOT NULL,
	"csat_survey" boolean NOT NULL,
	"csat_score" smallint,
	"reopened" boolean NOT NULL,
	"sla_first_at" timestamp with time zone,
	"sla_first_met" boolean,
	"sla_resolution_at" timestamp with time zone,
	"sla_resolution_met" boolean,
	"sla_next_met" integer DEFAULT 0 NOT NULL,
	"sla_next_missed" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "report_tickets_tenant_id_ticket_id_pk" PRIMARY KEY("tenant_id","ticket_id")
);
--> statement-breakpoint
ALTER TABLE "report_conversation_hours" ADD CONSTRAINT "report_conversation_hours_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_hours" ADD CONSTRAINT "report_hours_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_state" ADD CONSTRAINT "report_state_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_tickets" ADD CONSTRAINT "report_tickets_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "report_conversation_hours_conversation_idx" ON "report_conversation_hours" USING btree ("tenant_id","conversation_id");--> statement-breakpoint
CREATE INDEX "report_conversation_hours_hour_idx" ON "report_conversation_hours" USING btree ("tenant_id","hour");--> statement-breakpoint
CREATE INDEX "report_hours_hour_idx" ON "report_hours" USING btree ("tenant_id","hour");--> statement-breakpoint
CREATE INDEX "report_tickets_conversation_idx" ON "report_tickets" USING btree ("tenant_id","conversation_id");--> statement-breakpoint
CREATE INDEX "report_tickets_opened_idx" ON "report_tickets" USING btree ("tenant_id","opened_at");--> statement-breakpoint
CREATE INDEX "report_tickets_closed_idx" ON "report_tickets" USING btree ("tenant_id","closed_at");--> statement-breakpoint
-- Hand-written: grants and tenant isolation for the report facts and rollups (derived from conversation_events).
GRANT SELECT, INSERT, UPDATE, DELETE ON report_tickets, report_conversation_hours, report_hours, report_state TO fio_app;
--> statement-breakpoint
ALTER TABLE report_tickets ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE report_tickets FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON report_tickets
  USING (tenant_id = fio_current_tenant()) WITH CHECK (tenant_id = fio_current_tenant());
--> statement-breakpoint
ALTER TABLE report_conversation_hours ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE report_conversation_hours FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON report_conversation_hours
  USING (tenant_id = fio_current_tenant()) WITH CHECK (tenant_id = fio_current_tenant());
--> statement-breakpoint
ALTER TABLE report_hours ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE report_hours FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON report_hours
  USING (tenant_id = fio_current_tenant()) WITH CHECK (tenant_id = fio_current_tenant());
--> statement-breakpoint
ALTER TABLE report_state ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE report_state FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON report_state
  USING (tenant_id = fio_current_tenant()) WITH CHECK (tenant_id = fio_current_tenant());
--> statement-breakpoint
-- The rollup job's scan: a tenant's events by the time the archive wrote them (its watermark).
CREATE INDEX IF NOT EXISTS conversation_events_archived_idx ON conversation_events (tenant_id, archived_at);
--> statement-breakpoint
-- The rollup job runs before any tenant is known: it learns the tenants through this narrow lookup (ids only),
-- owned by fio_auth like the other pre-tenant lookups; every read and write after it is in the tenant's own
-- transaction.
CREATE OR REPLACE FUNCTION fio_report_tenants()
  RETURNS TABLE (tenant_id uuid)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$ SELECT t.id FROM tenants t ORDER BY t.id $$;
--> statement-breakpoint
ALTER FUNCTION fio_report_tenants() OWNER TO fio_auth;
--> statement-breakpoint
REVOKE ALL ON FUNCTION fio_report_tenants() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION fio_report_tenants() TO fio_app;
