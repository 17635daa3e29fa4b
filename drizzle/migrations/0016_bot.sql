-- Issue 11: the bot. Versioned flows, the tenant's ERP connection and LLM settings (secrets sealed), the
-- knowledge base with Portuguese full-text search, channels that start tickets with the bot, and what a
-- hand-off records on the ticket (reason, the ERP's protocol, who resolved it).
CREATE TABLE "ai_settings" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"enabled" boolean DEFAULT false NOT NULL,
	"base_url" text NOT NULL,
	"model" text NOT NULL,
	"keys" text NOT NULL,
	"deadline_ms" integer DEFAULT 8000 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ai_settings_deadline_check" CHECK ("ai_settings"."deadline_ms" between 1000 and 30000)
);
--> statement-breakpoint
CREATE TABLE "bot_flow_versions" (
	"tenant_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"definition" jsonb NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone,
	CONSTRAINT "bot_flow_versions_tenant_id_version_pk" PRIMARY KEY("tenant_id","version"),
	CONSTRAINT "bot_flow_versions_state_check" CHECK ("bot_flow_versions"."state" in ('draft','published','retired')),
	CONSTRAINT "bot_flow_versions_version_check" CHECK ("bot_flow_versions"."version" > 0)
);
--> statement-breakpoint
CREATE TABLE "erp_connections" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"base_url" text NOT NULL,
	"credentials" text NOT NULL,
	"last_test_at" timestamp with time zone,
	"last_test_ok" boolean,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "erp_connections_kind_check" CHECK ("erp_connections"."kind" in ('ixc','sgp'))
);
--> statement-breakpoint
CREATE TABLE "knowledge_articles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"published" boolean DEFAULT true NOT NULL,
	"search_vector" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('portuguese', coalesce(title, '')), 'A') || setweight(to_tsvector('portuguese', coalesce(body, '')), 'B')) STORED,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "knowledge_articles_title_check" CHECK (char_length("knowledge_articles"."title") between 1 and 200),
	CONSTRAINT "knowledge_articles_body_check" CHECK (char_length("knowledge_articles"."body") between 1 and 20000)
);
--> statement-breakpoint
ALTER TABLE "channels" ADD COLUMN "bot_enabled" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "handoff_reason" text;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "erp_protocol" text;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "resolved_by" text;--> statement-breakpoint
ALTER TABLE "ai_settings" ADD CONSTRAINT "ai_settings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_settings" ADD CONSTRAINT "ai_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bot_flow_versions" ADD CONSTRAINT "bot_flow_versions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bot_flow_versions" ADD CONSTRAINT "bot_flow_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "erp_connections" ADD CONSTRAINT "erp_connections_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "erp_connections" ADD CONSTRAINT "erp_connections_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_articles" ADD CONSTRAINT "knowledge_articles_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_articles" ADD CONSTRAINT "knowledge_articles_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "bot_flow_versions_one_published_key" ON "bot_flow_versions" USING btree ("tenant_id") WHERE "bot_flow_versions"."state" = 'published';--> statement-breakpoint
CREATE INDEX "knowledge_articles_search_idx" ON "knowledge_articles" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "knowledge_articles_tenant_idx" ON "knowledge_articles" USING btree ("tenant_id","updated_at" DESC NULLS LAST);--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_resolved_by_check" CHECK ("tickets"."resolved_by" is null or "tickets"."resolved_by" in ('bot','agent'));
--> statement-breakpoint
-- Hand-written: grants and tenant isolation. Flow versions are history (no DELETE); an ERP connection, the AI
-- settings and articles can be removed by an admin.
GRANT SELECT, INSERT, UPDATE ON bot_flow_versions TO fio_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON erp_connections, ai_settings, knowledge_articles TO fio_app;
--> statement-breakpoint
ALTER TABLE bot_flow_versions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE bot_flow_versions FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON bot_flow_versions
  USING (tenant_id = fio_current_tenant()) WITH CHECK (tenant_id = fio_current_tenant());
--> statement-breakpoint
ALTER TABLE erp_connections ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE erp_connections FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON erp_connections
  USING (tenant_id = fio_current_tenant()) WITH CHECK (tenant_id = fio_current_tenant());
--> statement-breakpoint
ALTER TABLE ai_settings ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE ai_settings FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON ai_settings
  USING (tenant_id = fio_current_tenant()) WITH CHECK (tenant_id = fio_current_tenant());
--> statement-breakpoint
ALTER TABLE knowledge_articles ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE knowledge_articles FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON knowledge_articles
  USING (tenant_id = fio_current_tenant()) WITH CHECK (tenant_id = fio_current_tenant());
