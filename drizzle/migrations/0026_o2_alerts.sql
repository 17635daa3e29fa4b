CREATE TABLE "alert_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"alert_id" uuid NOT NULL,
	"transition" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_status" integer,
	"last_error" text,
	"delivered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "alert_deliveries_transition_check" CHECK ("alert_deliveries"."transition" in ('opened','resolved')),
	CONSTRAINT "alert_deliveries_status_check" CHECK ("alert_deliveries"."status" in ('pending','delivered','dead'))
);
--> statement-breakpoint
CREATE TABLE "alert_marks" (
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"value" jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid,
	"kind" text NOT NULL,
	"severity" text NOT NULL,
	"subject" text DEFAULT '' NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" uuid,
	CONSTRAINT "alerts_severity_check" CHECK ("alerts"."severity" in ('warning','critical'))
);
--> statement-breakpoint
ALTER TABLE "alert_deliveries" ADD CONSTRAINT "alert_deliveries_alert_id_alerts_id_fk" FOREIGN KEY ("alert_id") REFERENCES "public"."alerts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_marks" ADD CONSTRAINT "alert_marks_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_acknowledged_by_users_id_fk" FOREIGN KEY ("acknowledged_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "alert_deliveries_transition_key" ON "alert_deliveries" USING btree ("alert_id","transition");--> statement-breakpoint
CREATE INDEX "alert_deliveries_due_idx" ON "alert_deliveries" USING btree ("next_attempt_at") WHERE "alert_deliveries"."status" = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX "alert_marks_key" ON "alert_marks" USING btree ("tenant_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "alerts_open_key" ON "alerts" USING btree (coalesce("tenant_id", '00000000-0000-0000-0000-000000000000'::uuid),"kind","subject") WHERE "alerts"."resolved_at" is null;--> statement-breakpoint
CREATE INDEX "alerts_tenant_recent_idx" ON "alerts" USING btree ("tenant_id","opened_at" DESC NULLS LAST);
--> statement-breakpoint
-- Hand-written: admins read and acknowledge their tenant's alerts (fio_app, tenant isolation); the minute cron
-- raises, resolves and delivers them for every tenant at once through the security-definer functions below,
-- owned by fio_auth like the other cross-tenant lookups (migrations 0014, 0022). The operator deliveries and the
-- counter marks are never read by the app role at all.
GRANT SELECT, UPDATE ON alerts TO fio_app;
--> statement-breakpoint
ALTER TABLE alerts ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE alerts FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON alerts
  USING (tenant_id = fio_current_tenant()) WITH CHECK (tenant_id = fio_current_tenant());
--> statement-breakpoint
ALTER TABLE alert_deliveries ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE alert_deliveries FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE alert_marks ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE alert_marks FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON alerts, alert_deliveries, alert_marks TO fio_auth;
--> statement-breakpoint
GRANT SELECT ON tickets TO fio_auth;
--> statement-breakpoint
CREATE POLICY alert_cron ON alerts TO fio_auth USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY alert_cron ON alert_deliveries TO fio_auth USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY alert_cron ON alert_marks TO fio_auth USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY alert_lookup ON tickets FOR SELECT TO fio_auth USING (true);
--> statement-breakpoint
-- The SLA rule's scan: tickets under a policy opened or closed in the last hour, across tenants.
CREATE INDEX IF NOT EXISTS tickets_sla_opened_idx ON tickets (opened_at) WHERE sla IS NOT NULL;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS tickets_sla_closed_idx ON tickets (closed_at) WHERE sla IS NOT NULL;
--> statement-breakpoint
-- The conditions Postgres itself knows, for every active tenant in two scans: numbers unhealthy, and tickets
-- under an SLA policy opened or closed since p_since with a breached target (rate over p_percent, at least
-- p_min tickets).
CREATE OR REPLACE FUNCTION fio_alert_conditions(p_since timestamptz, p_percent numeric, p_min integer)
  RETURNS TABLE (tenant_id uuid, kind text, subject text, severity text, details jsonb)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT c.tenant_id, 'channel_unhealthy', c.id::text, 'critical',
      jsonb_build_object('channelName', c.name, 'code', c.health_code, 'reason', c.health_reason,
        'since', c.health_changed_at)
    FROM channels c JOIN tenants t ON t.id = c.tenant_id AND t.status = 'active'
    WHERE c.health_status = 'unhealthy'
    UNION ALL
    SELECT s.tenant_id, 'sla_breach_rate', '', 'warning',
      jsonb_build_object('tickets', s.total, 'breached', s.breached,
        'percent', round(100.0 * s.breached / s.total, 1), 'threshold', p_percent)
    FROM (
      SELECT k.tenant_id, count(*)::int AS total, count(*) FILTER (WHERE k.sla_breaches > 0)::int AS breached
      FROM (
        SELECT id, tenant_id, sla_breaches FROM tickets WHERE sla IS NOT NULL AND opened_at >= p_since
        UNION
        SELECT id, tenant_id, sla_breaches FROM tickets WHERE sla IS NOT NULL AND closed_at >= p_since
      ) k JOIN tenants t ON t.id = k.tenant_id AND t.status = 'active'
      GROUP BY k.tenant_id
    ) s
    WHERE s.total >= greatest(p_min, 1) AND 100.0 * s.breached / s.total > p_percent
  $$;
--> statement-breakpoint
-- One evaluation's outcome, for every tenant at once. p_held: the conditions that hold now
-- ([{tenant_id, kind, subject, severity, details}]); p_kinds: the kinds this evaluation saw whole (an open alert
-- of those kinds not held is resolved); p_cleared: [{tenant_id, kind}] known to have cleared (the rules judged
-- from what changed since the last run; what they could not judge stays as it is). Raises each held condition once (the open-alert key dedupes), resolves what cleared, and, when
-- p_operator, stores one operator delivery per transition in the same transaction. Returns the transitions.
CREATE OR REPLACE FUNCTION fio_sync_alerts(
  p_now timestamptz, p_kinds text[], p_held jsonb, p_cleared jsonb, p_operator boolean)
  RETURNS TABLE (id uuid, tenant_id uuid, kind text, transition text)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
  #variable_conflict use_column
  BEGIN
    CREATE TEMP TABLE IF NOT EXISTS fio_alert_changes (id uuid, tenant_id uuid, kind text, transition text)
      ON COMMIT DROP;
    DELETE FROM fio_alert_changes;
    WITH held AS (
      SELECT h.* FROM jsonb_to_recordset(p_held)
        AS h(tenant_id uuid, kind text, subject text, severity text, details jsonb)
      WHERE h.tenant_id IS NULL OR EXISTS (SELECT 1 FROM tenants t WHERE t.id = h.tenant_id)
    ), up AS (
      INSERT INTO alerts AS a (tenant_id, kind, severity, subject, details, opened_at, last_seen_at)
      SELECT h.tenant_id, h.kind, h.severity, coalesce(h.subject, ''), coalesce(h.details, '{}'), p_now, p_now
      FROM held h
      ON CONFLICT (coalesce(tenant_id, '00000000-0000-0000-0000-000000000000'::uuid), kind, subject)
        WHERE resolved_at IS NULL
      DO UPDATE SET last_seen_at = excluded.last_seen_at, details = excluded.details, severity = excluded.severity
      RETURNING a.id, a.tenant_id, a.kind, (a.xmax = 0) AS inserted
    )
    INSERT INTO fio_alert_changes SELECT up.id, up.tenant_id, up.kind, 'opened' FROM up WHERE up.inserted;

    WITH held AS (
      SELECT h.* FROM jsonb_to_recordset(p_held) AS h(tenant_id uuid, kind text, subject text)
    ), cleared AS (
      SELECT k.* FROM jsonb_to_recordset(p_cleared) AS k(tenant_id uuid, kind text)
    ), gone AS (
      UPDATE alerts a SET resolved_at = p_now
      WHERE a.resolved_at IS NULL
        AND NOT EXISTS (SELECT 1 FROM held h WHERE h.tenant_id IS NOT DISTINCT FROM a.tenant_id
          AND h.kind = a.kind AND coalesce(h.subject, '') = a.subject)
        AND (a.kind = ANY (p_kinds) OR EXISTS (SELECT 1 FROM cleared k
          WHERE k.tenant_id IS NOT DISTINCT FROM a.tenant_id AND k.kind = a.kind))
      RETURNING a.id, a.tenant_id, a.kind
    )
    INSERT INTO fio_alert_changes SELECT gone.id, gone.tenant_id, gone.kind, 'resolved' FROM gone;

    IF p_operator THEN
      INSERT INTO alert_deliveries (alert_id, transition, next_attempt_at)
      SELECT c.id, c.transition, p_now FROM fio_alert_changes c
      ON CONFLICT (alert_id, transition) DO NOTHING;
    END IF;
    RETURN QUERY SELECT c.id, c.tenant_id, c.kind, c.transition FROM fio_alert_changes c;
  END
  $$;
--> statement-breakpoint
-- The counters' previous values per tenant (what changed since is what the ERP and LLM rules judge), replaced
-- by p_values ([{tenant_id, value}]) in the same call. Tenants that no longer exist are skipped.
CREATE OR REPLACE FUNCTION fio_swap_alert_marks(p_now timestamptz, p_name text, p_values jsonb)
  RETURNS TABLE (tenant_id uuid, value jsonb, at timestamptz)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
  #variable_conflict use_column
  BEGIN
    RETURN QUERY SELECT m.tenant_id, m.value, m.at FROM alert_marks m WHERE m.name = p_name;
    INSERT INTO alert_marks AS m (tenant_id, name, value, at)
    SELECT v.tenant_id, p_name, v.value, p_now
    FROM jsonb_to_recordset(p_values) AS v(tenant_id uuid, value jsonb)
    JOIN tenants t ON t.id = v.tenant_id
    ON CONFLICT (tenant_id, name) DO UPDATE SET value = excluded.value, at = excluded.at;
  END
  $$;
--> statement-breakpoint
-- Due operator deliveries, leased (attempts + 1, next attempt pushed past the lease) so a second cron run never
-- sends the same attempt; a resolution waits for its opening to be delivered (or dead) first.
CREATE OR REPLACE FUNCTION fio_claim_alert_deliveries(p_now timestamptz, p_lease_seconds integer, p_limit integer)
  RETURNS TABLE (id uuid, transition text, attempts integer, alert_id uuid, tenant_id uuid, kind text,
    severity text, subject text, details jsonb, opened_at timestamptz, resolved_at timestamptz)
  LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    WITH due AS (
      SELECT d.id FROM alert_deliveries d
      WHERE d.status = 'pending' AND d.next_attempt_at <= p_now
        AND NOT EXISTS (SELECT 1 FROM alert_deliveries o WHERE o.alert_id = d.alert_id AND o.status = 'pending'
          AND o.transition = 'opened' AND d.transition = 'resolved')
      ORDER BY d.next_attempt_at LIMIT least(greatest(p_limit, 1), 1000)
      FOR UPDATE SKIP LOCKED
    ), claimed AS (
      UPDATE alert_deliveries d SET attempts = d.attempts + 1,
        next_attempt_at = p_now + make_interval(secs => p_lease_seconds)
      FROM due WHERE d.id = due.id
      RETURNING d.id, d.transition, d.attempts, d.alert_id
    )
    SELECT c.id, c.transition, c.attempts, a.id, a.tenant_id, a.kind, a.severity, a.subject, a.details,
      a.opened_at, a.resolved_at
    FROM claimed c JOIN alerts a ON a.id = c.alert_id
  $$;
--> statement-breakpoint
-- An attempt's outcome: delivered, retried at p_next, or dead (p_next null after a failure).
CREATE OR REPLACE FUNCTION fio_finish_alert_delivery(
  p_id uuid, p_ok boolean, p_status integer, p_error text, p_next timestamptz)
  RETURNS void
  LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    UPDATE alert_deliveries SET
      status = CASE WHEN p_ok THEN 'delivered' WHEN p_next IS NULL THEN 'dead' ELSE 'pending' END,
      delivered_at = CASE WHEN p_ok THEN now() ELSE NULL END,
      next_attempt_at = coalesce(p_next, next_attempt_at),
      last_status = p_status, last_error = left(p_error, 300)
    WHERE id = p_id AND status = 'pending'
  $$;
--> statement-breakpoint
DO $$
DECLARE f text;
BEGIN
  FOREACH f IN ARRAY ARRAY[
    'fio_alert_conditions(timestamptz, numeric, integer)',
    'fio_sync_alerts(timestamptz, text[], jsonb, jsonb, boolean)',
    'fio_swap_alert_marks(timestamptz, text, jsonb)',
    'fio_claim_alert_deliveries(timestamptz, integer, integer)',
    'fio_finish_alert_delivery(uuid, boolean, integer, text, timestamptz)'] LOOP
    EXECUTE format('ALTER FUNCTION %s OWNER TO fio_auth', f);
    EXECUTE format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', f);
    EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO fio_app', f);
  END LOOP;
END $$;
