-- LGPD (issue 10): a per-tenant retention period for message content, and the erasure state of a contact.
-- message_retention_days: message text and attachments older than this many days are redacted by the daily
-- job (null: kept). erased_at: an erasure was requested (personal fields are gone from then on);
-- erasure_completed_at: every copy (Postgres, conversation objects, R2) was redacted. A row with the first
-- and not the second is an erasure to resume.
ALTER TABLE "tenants" ADD COLUMN "message_retention_days" integer;
--> statement-breakpoint
ALTER TABLE "tenants" ADD CONSTRAINT "tenants_message_retention_days_check" CHECK ("tenants"."message_retention_days" is null or "tenants"."message_retention_days" between 1 and 3650);
--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "erased_at" timestamp with time zone;
--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "erasure_completed_at" timestamp with time zone;
--> statement-breakpoint
-- Hand-written: an erasure removes the contact's quarantined rows too (the original text lives there).
GRANT DELETE ON archive_quarantine TO fio_app;
--> statement-breakpoint
-- The daily retention job runs before any tenant is known: it learns which tenants keep content for a
-- limited time through this narrow lookup (ids and days only), owned by fio_auth like the other lookups.
CREATE OR REPLACE FUNCTION fio_tenants_with_retention()
  RETURNS TABLE (tenant_id uuid, days integer)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$ SELECT t.id, t.message_retention_days FROM tenants t WHERE t.message_retention_days IS NOT NULL $$;
--> statement-breakpoint
ALTER FUNCTION fio_tenants_with_retention() OWNER TO fio_auth;
--> statement-breakpoint
REVOKE ALL ON FUNCTION fio_tenants_with_retention() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION fio_tenants_with_retention() TO fio_app;
