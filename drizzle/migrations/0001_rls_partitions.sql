-- Hand-written: tenant isolation (row-level security), the roles the app and the pre-auth lookups use,
-- and monthly partitions of conversation_events created ahead of time.

-- fio_app: the role the Worker and Durable Objects connect as. NOLOGIN here; whoever runs the stack
-- gives it a password (scripts/lib/app-role.ts locally, the Neon console in production).
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'fio_app') THEN CREATE ROLE fio_app NOLOGIN; END IF;
  -- fio_auth owns the two SECURITY DEFINER lookups that must run before a tenant is known (login by
  -- email, widget by tenant slug). It bypasses nothing: a policy below lets it, and only it, read them.
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'fio_auth') THEN CREATE ROLE fio_auth NOLOGIN; END IF;
END $$;
--> statement-breakpoint
GRANT fio_auth TO CURRENT_USER;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO fio_app, fio_auth;
--> statement-breakpoint
-- Changing a function's owner to fio_auth needs fio_auth to be able to create in the schema (non-superusers).
GRANT CREATE ON SCHEMA public TO fio_auth;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON tenants, users, channels, contacts, conversations, tickets, conversation_events TO fio_app;
--> statement-breakpoint
GRANT SELECT ON tenants, users TO fio_auth;
--> statement-breakpoint

-- The tenant of the current transaction, set with set_config('app.tenant_id', id, true). Unset means no
-- rows at all, never all rows.
CREATE OR REPLACE FUNCTION fio_current_tenant() RETURNS uuid
  LANGUAGE sql STABLE
  AS $$ SELECT nullif(current_setting('app.tenant_id', true), '')::uuid $$;
--> statement-breakpoint

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['users','channels','contacts','conversations','tickets','conversation_events'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('DROP POLICY IF EXISTS tenant_isolation ON %I', t);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I USING (tenant_id = fio_current_tenant()) WITH CHECK (tenant_id = fio_current_tenant())', t);
  END LOOP;
END $$;
--> statement-breakpoint
ALTER TABLE tenants ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE tenants FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON tenants USING (id = fio_current_tenant()) WITH CHECK (id = fio_current_tenant());
--> statement-breakpoint
CREATE POLICY auth_lookup ON tenants FOR SELECT TO fio_auth USING (true);
--> statement-breakpoint
CREATE POLICY auth_lookup ON users FOR SELECT TO fio_auth USING (true);
--> statement-breakpoint

CREATE OR REPLACE FUNCTION fio_find_tenant_by_slug(p_slug text)
  RETURNS TABLE (id uuid, name text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$ SELECT t.id, t.name FROM tenants t WHERE t.slug = p_slug $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION fio_find_login(p_email text)
  RETURNS TABLE (user_id uuid, tenant_id uuid, password_hash text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$ SELECT u.id, u.tenant_id, u.password_hash FROM users u WHERE lower(u.email) = lower(p_email) $$;
--> statement-breakpoint
ALTER FUNCTION fio_find_tenant_by_slug(text) OWNER TO fio_auth;
--> statement-breakpoint
ALTER FUNCTION fio_find_login(text) OWNER TO fio_auth;
--> statement-breakpoint
REVOKE ALL ON FUNCTION fio_find_tenant_by_slug(text), fio_find_login(text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION fio_find_tenant_by_slug(text), fio_find_login(text), fio_current_tenant() TO fio_app;
--> statement-breakpoint

-- Monthly partitions. A DEFAULT partition catches any row outside the prepared months, so an insert never
-- fails for want of a partition; the daily cron and every migration run create the months ahead.
CREATE TABLE IF NOT EXISTS conversation_events_default PARTITION OF conversation_events DEFAULT;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION fio_ensure_event_partitions(p_months_ahead int DEFAULT 3)
  RETURNS int
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
DECLARE
  m date := date_trunc('month', now() - interval '1 month')::date;
  last_month date := date_trunc('month', now() + make_interval(months => p_months_ahead))::date;
  part text;
  created int := 0;
BEGIN
  WHILE m <= last_month LOOP
    part := format('conversation_events_%s', to_char(m, 'YYYY_MM'));
    IF to_regclass(part) IS NULL THEN
      EXECUTE format(
        'CREATE TABLE %I PARTITION OF conversation_events FOR VALUES FROM (%L) TO (%L)',
        part, m::timestamptz, (m + interval '1 month')::timestamptz);
      created := created + 1;
    END IF;
    m := (m + interval '1 month')::date;
  END LOOP;
  RETURN created;
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION fio_ensure_event_partitions(int) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION fio_ensure_event_partitions(int) TO fio_app;
--> statement-breakpoint
SELECT fio_ensure_event_partitions(3);
--> statement-breakpoint

-- Protocol numbers: YYYYMMDD (tenant time zone) + a per-tenant counter, unique and monotonic.
CREATE OR REPLACE FUNCTION fio_next_protocol(p_tenant uuid) RETURNS text
  LANGUAGE sql VOLATILE
  AS $$
  UPDATE tenants SET protocol_counter = protocol_counter + 1 WHERE id = p_tenant
  RETURNING to_char(now() AT TIME ZONE timezone, 'YYYYMMDD') || lpad(protocol_counter::text, 6, '0')
$$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION fio_next_protocol(uuid) TO fio_app;
