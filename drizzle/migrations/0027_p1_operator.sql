-- Hand-written: the platform operator's reach across tenants (issue 16, /api/operator/tenants). The Worker
-- still connects as fio_app, which row-level security confines to one tenant per transaction; the three
-- things the operator needs beyond that are SECURITY DEFINER functions owned by fio_operator, a NOLOGIN role
-- that reads tenants, users and conversations of every tenant (for the list) and may delete any tenant's rows
-- (for deletion), and nothing else. fio_app may only execute them; the operator API behind OPERATOR_TOKEN is
-- their one caller.
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'fio_operator') THEN CREATE ROLE fio_operator NOLOGIN; END IF;
END $$;
--> statement-breakpoint
-- Changing a function's owner needs membership in the new owner's role (non-superusers, like fio_auth).
GRANT fio_operator TO CURRENT_USER;
--> statement-breakpoint
GRANT USAGE, CREATE ON SCHEMA public TO fio_operator;
--> statement-breakpoint
GRANT SELECT, DELETE ON ALL TABLES IN SCHEMA public TO fio_operator;
--> statement-breakpoint
-- Tables later migrations create (as the same owner) are covered too, so deletion never misses one.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, DELETE ON TABLES TO fio_operator;
--> statement-breakpoint
CREATE POLICY operator_read ON tenants FOR SELECT TO fio_operator USING (true);
--> statement-breakpoint
CREATE POLICY operator_read ON users FOR SELECT TO fio_operator USING (true);
--> statement-breakpoint
CREATE POLICY operator_read ON conversations FOR SELECT TO fio_operator USING (true);
--> statement-breakpoint

-- Every tenant with what an operator needs to tell them apart (no message content, no personal data).
CREATE OR REPLACE FUNCTION fio_operator_tenants()
  RETURNS TABLE (id uuid, slug text, name text, status text, timezone text, locale text,
    created_at timestamptz, suspended_at timestamptz, users bigint, conversations bigint,
    last_activity_at timestamptz)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
  SELECT t.id, t.slug, t.name, t.status, t.timezone, t.locale, t.created_at, t.suspended_at,
    (SELECT count(*) FROM users u WHERE u.tenant_id = t.id),
    (SELECT count(*) FROM conversations c WHERE c.tenant_id = t.id),
    (SELECT max(c.last_activity_at) FROM conversations c WHERE c.tenant_id = t.id)
  FROM tenants t ORDER BY t.created_at, t.id
$$;
--> statement-breakpoint
-- Whether a name (case-insensitively) or a slug is already some tenant's: checked before a create, so a
-- taken name is a clear 409 naming the field (slugs are also unique in the table itself).
CREATE OR REPLACE FUNCTION fio_operator_tenant_taken(p_name text, p_slug text)
  RETURNS TABLE (name_taken boolean, slug_taken boolean)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
  SELECT EXISTS (SELECT 1 FROM tenants WHERE lower(name) = lower(p_name)),
         EXISTS (SELECT 1 FROM tenants WHERE slug = p_slug)
$$;
--> statement-breakpoint
-- Deletes every row of one tenant: each table with a tenant_id column (found in the catalogue, so a table a
-- later migration adds is covered; partitions through their parent), then the tenant. Tables whose rows are
-- still referenced by another table's are retried after the others; one transaction, so a crash leaves the
-- tenant whole and calling it again finishes. Returns the number of rows deleted.
CREATE OR REPLACE FUNCTION fio_operator_purge_tenant(p_tenant uuid)
  RETURNS bigint
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
DECLARE
  tbl text;
  pending text[];
  still text[];
  n bigint;
  total bigint := 0;
  pass int := 0;
BEGIN
  -- The tables' own isolation policies then let these deletes see exactly this tenant's rows.
  PERFORM set_config('app.tenant_id', p_tenant::text, true);
  SELECT coalesce(array_agg(c.relname::text ORDER BY c.relname), ARRAY[]::text[]) INTO pending
    FROM pg_class c
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
   WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relispartition;
  WHILE cardinality(pending) > 0 LOOP
    pass := pass + 1;
    IF pass > 20 THEN
      RAISE EXCEPTION 'tenant % not purged: rows of % are still referenced', p_tenant, pending;
    END IF;
    still := ARRAY[]::text[];
    FOREACH tbl IN ARRAY pending LOOP
      BEGIN
        EXECUTE format('DELETE FROM %I WHERE tenant_id = $1', tbl) USING p_tenant;
        GET DIAGNOSTICS n = ROW_COUNT;
        total := total + n;
      EXCEPTION WHEN foreign_key_violation THEN
        still := still || tbl;
      END;
    END LOOP;
    pending := still;
  END LOOP;
  DELETE FROM tenants WHERE id = p_tenant;
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN total + n;
END $$;
--> statement-breakpoint
ALTER FUNCTION fio_operator_tenants() OWNER TO fio_operator;
--> statement-breakpoint
ALTER FUNCTION fio_operator_tenant_taken(text, text) OWNER TO fio_operator;
--> statement-breakpoint
ALTER FUNCTION fio_operator_purge_tenant(uuid) OWNER TO fio_operator;
--> statement-breakpoint
REVOKE ALL ON FUNCTION fio_operator_tenants(), fio_operator_tenant_taken(text, text), fio_operator_purge_tenant(uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION fio_operator_tenants(), fio_operator_tenant_taken(text, text), fio_operator_purge_tenant(uuid) TO fio_app;
