-- Hand-written: RLS for the channel tables, and the two pre-auth lookups webhooks need before a tenant is
-- known (a Cloud API number by phone_number_id; a gateway channel by id). Both are SECURITY DEFINER functions
-- owned by fio_auth, the only role allowed to read channels across tenants, and return routing data only.
GRANT SELECT, INSERT, UPDATE, DELETE ON channel_alerts, whatsapp_templates TO fio_app;
--> statement-breakpoint
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['channel_alerts','whatsapp_templates'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('DROP POLICY IF EXISTS tenant_isolation ON %I', t);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I USING (tenant_id = fio_current_tenant()) WITH CHECK (tenant_id = fio_current_tenant())', t);
  END LOOP;
END $$;
--> statement-breakpoint
GRANT SELECT ON channels TO fio_auth;
--> statement-breakpoint
CREATE POLICY auth_lookup ON channels FOR SELECT TO fio_auth USING (true);
--> statement-breakpoint
CREATE OR REPLACE FUNCTION fio_find_channel_by_address(p_kind text, p_address text)
  RETURNS TABLE (channel_id uuid, tenant_id uuid)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$ SELECT c.id, c.tenant_id FROM channels c
        WHERE c.kind = p_kind AND c.address = p_address AND c.removed_at IS NULL $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION fio_find_channel(p_channel uuid)
  RETURNS TABLE (tenant_id uuid, kind text, webhook_secret_hash text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$ SELECT c.tenant_id, c.kind, c.webhook_secret_hash FROM channels c
        WHERE c.id = p_channel AND c.removed_at IS NULL $$;
--> statement-breakpoint
ALTER FUNCTION fio_find_channel_by_address(text, text) OWNER TO fio_auth;
--> statement-breakpoint
ALTER FUNCTION fio_find_channel(uuid) OWNER TO fio_auth;
--> statement-breakpoint
REVOKE ALL ON FUNCTION fio_find_channel_by_address(text, text), fio_find_channel(uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION fio_find_channel_by_address(text, text), fio_find_channel(uuid) TO fio_app;
