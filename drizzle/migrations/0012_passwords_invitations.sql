-- Passwords and invitations (issue 10): invited users (no usable password until they accept), and the
-- single-use tokens e-mailed for password resets and invitations (only their SHA-256 is stored).
ALTER TABLE "users" ALTER COLUMN "password_hash" DROP NOT NULL;
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "invited_at" timestamp with time zone;
--> statement-breakpoint
CREATE TABLE "auth_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"mail_status" text DEFAULT 'pending' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "auth_tokens_purpose_check" CHECK ("auth_tokens"."purpose" in ('password_reset','invitation')),
	CONSTRAINT "auth_tokens_mail_status_check" CHECK ("auth_tokens"."mail_status" in ('pending','sent','failed'))
);
--> statement-breakpoint
ALTER TABLE "auth_tokens" ADD CONSTRAINT "auth_tokens_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "auth_tokens" ADD CONSTRAINT "auth_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
CREATE UNIQUE INDEX "auth_tokens_hash_key" ON "auth_tokens" USING btree ("token_hash");
--> statement-breakpoint
CREATE INDEX "auth_tokens_user_idx" ON "auth_tokens" USING btree ("tenant_id","user_id","purpose");
--> statement-breakpoint
-- Hand-written: tenant isolation like every other table.
GRANT SELECT, INSERT, UPDATE, DELETE ON auth_tokens TO fio_app;
--> statement-breakpoint
ALTER TABLE auth_tokens ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE auth_tokens FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON auth_tokens
  USING (tenant_id = fio_current_tenant()) WITH CHECK (tenant_id = fio_current_tenant());
--> statement-breakpoint
-- Whoever follows an e-mailed link is not signed in, so the token alone must name its tenant: one narrow
-- SECURITY DEFINER lookup (owned by fio_auth, like fio_find_login) from a token's hash to its tenant only;
-- everything else about the token is read inside that tenant's transaction, under RLS.
GRANT SELECT ON auth_tokens TO fio_auth;
--> statement-breakpoint
CREATE POLICY auth_lookup ON auth_tokens FOR SELECT TO fio_auth USING (true);
--> statement-breakpoint
CREATE OR REPLACE FUNCTION fio_find_auth_token(p_hash text)
  RETURNS TABLE (tenant_id uuid)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$ SELECT t.tenant_id FROM auth_tokens t WHERE t.token_hash = p_hash $$;
--> statement-breakpoint
ALTER FUNCTION fio_find_auth_token(text) OWNER TO fio_auth;
--> statement-breakpoint
REVOKE ALL ON FUNCTION fio_find_auth_token(text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION fio_find_auth_token(text) TO fio_app;
