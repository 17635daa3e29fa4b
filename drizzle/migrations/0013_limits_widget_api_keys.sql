-- Issue 10 (H6): API keys for integrations, and the widget's verified identity.
-- API keys: the secret is stored only as its SHA-256; the visible prefix finds the row before a tenant is
-- known (through fio_find_api_key below, owned by fio_auth like the other pre-auth lookups).
CREATE TABLE "api_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"secret_hash" text NOT NULL,
	"scopes" text[] NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_keys_prefix_check" CHECK ("api_keys"."prefix" ~ '^[a-z2-7]{8}$')
);
--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
--> statement-breakpoint
CREATE UNIQUE INDEX "api_keys_prefix_key" ON "api_keys" USING btree ("prefix");
--> statement-breakpoint
CREATE INDEX "api_keys_tenant_created_idx" ON "api_keys" USING btree ("tenant_id","created_at" DESC);
--> statement-breakpoint
-- The widget's verified identity: the customer's id on the ISP's own site, set when the widget presents an
-- identity token signed with the channel's identity secret. Once set, a visitor id alone no longer resumes.
ALTER TABLE "contacts" ADD COLUMN "widget_identity" text;
--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "widget_verified_at" timestamp with time zone;
--> statement-breakpoint
CREATE UNIQUE INDEX "contacts_tenant_widget_identity_key" ON "contacts" USING btree ("tenant_id","widget_identity");
--> statement-breakpoint
-- The secret the ISP's site signs identity tokens with (HS256), sealed with CHANNEL_SECRETS_KEY.
ALTER TABLE "channels" ADD COLUMN "identity_secret" text;
--> statement-breakpoint
-- Hand-written: grants (no DELETE: a key is revoked, never erased, so the audit trail keeps its prefix),
-- tenant isolation, and the pre-auth lookup by prefix.
GRANT SELECT, INSERT, UPDATE ON api_keys TO fio_app;
--> statement-breakpoint
ALTER TABLE api_keys ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE api_keys FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON api_keys
  USING (tenant_id = fio_current_tenant()) WITH CHECK (tenant_id = fio_current_tenant());
--> statement-breakpoint
GRANT SELECT ON api_keys TO fio_auth;
--> statement-breakpoint
CREATE POLICY auth_lookup ON api_keys FOR SELECT TO fio_auth USING (true);
--> statement-breakpoint
CREATE OR REPLACE FUNCTION fio_find_api_key(p_prefix text)
  RETURNS TABLE (id uuid, tenant_id uuid, name text, secret_hash text, scopes text[],
                 expires_at timestamptz, revoked_at timestamptz, last_used_at timestamptz)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$ SELECT k.id, k.tenant_id, k.name, k.secret_hash, k.scopes, k.expires_at, k.revoked_at, k.last_used_at
        FROM api_keys k WHERE k.prefix = p_prefix $$;
--> statement-breakpoint
ALTER FUNCTION fio_find_api_key(text) OWNER TO fio_auth;
--> statement-breakpoint
REVOKE ALL ON FUNCTION fio_find_api_key(text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION fio_find_api_key(text) TO fio_app;
