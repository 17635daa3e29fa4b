-- Hand-written: tenant isolation (grants + RLS) for teams, team members and canned responses, and the indexes
-- behind search: Portuguese full-text over message text, and contact lookups by name, phone and CPF/CNPJ.
GRANT SELECT, INSERT, UPDATE, DELETE ON teams, team_members, canned_responses TO fio_app;
--> statement-breakpoint
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['teams','team_members','canned_responses'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('DROP POLICY IF EXISTS tenant_isolation ON %I', t);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I USING (tenant_id = fio_current_tenant()) WITH CHECK (tenant_id = fio_current_tenant())', t);
  END LOOP;
END $$;
--> statement-breakpoint

-- Message search: the same expression the search query uses, so the planner can pick this index. Only
-- customer/agent messages are searchable (notes are type 'note.created' and stay out). An index on the
-- partitioned parent is created on every partition, present and future.
CREATE INDEX IF NOT EXISTS conversation_events_message_fts_idx ON conversation_events
  USING gin (to_tsvector('portuguese', coalesce(payload->'message'->>'text', '')))
  WHERE type = 'message.created';
--> statement-breakpoint

-- Contact search. unaccent and pg_trgm ship with Postgres (and Neon), but a server built without contrib
-- lacks them: fio_search_text then only lowercases, and the contact indexes fall back to btree.
DO $$ BEGIN
  IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'unaccent') THEN
    CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public;
  END IF;
  IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm') THEN
    CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;
  END IF;
END $$;
--> statement-breakpoint
-- unaccent() is only STABLE (its dictionary could change); naming the dictionary explicitly makes this
-- wrapper safe to declare IMMUTABLE, which an index expression needs.
DO $$ BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'unaccent') THEN
    CREATE OR REPLACE FUNCTION fio_search_text(text) RETURNS text
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
      AS $f$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1)) $f$;
  ELSE
    CREATE OR REPLACE FUNCTION fio_search_text(text) RETURNS text
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
      AS $f$ SELECT lower($1) $f$;
  END IF;
END $$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION fio_search_text(text) TO fio_app;
--> statement-breakpoint
-- Search matches anywhere in a name or a number ("contains"): trigram indexes serve LIKE '%…%'.
DO $$ BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
    CREATE INDEX IF NOT EXISTS contacts_name_search_idx ON contacts USING gin (fio_search_text(name) gin_trgm_ops);
    CREATE INDEX IF NOT EXISTS contacts_phone_search_idx ON contacts USING gin (phone gin_trgm_ops);
    CREATE INDEX IF NOT EXISTS contacts_cpf_cnpj_search_idx ON contacts USING gin (cpf_cnpj gin_trgm_ops);
  ELSE
    CREATE INDEX IF NOT EXISTS contacts_name_search_idx ON contacts (tenant_id, fio_search_text(name) text_pattern_ops);
    CREATE INDEX IF NOT EXISTS contacts_phone_search_idx ON contacts (tenant_id, phone text_pattern_ops);
    CREATE INDEX IF NOT EXISTS contacts_cpf_cnpj_search_idx ON contacts (tenant_id, cpf_cnpj);
  END IF;
END $$;
