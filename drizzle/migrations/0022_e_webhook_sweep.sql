-- Outgoing webhooks (issue 15, part E): the once-a-minute sweeper re-queues deliveries whose retry time passed
-- (a queue message lost to a restart or to a failed send) before any tenant is known. It
-- learns which through this narrow lookup (ids only, oldest first, enabled endpoints), owned by fio_auth like
-- the other pre-tenant lookups; every later read and write happens inside the tenant's own transaction.
GRANT SELECT ON webhook_deliveries, webhook_endpoints TO fio_auth;
--> statement-breakpoint
CREATE POLICY sweep_lookup ON webhook_deliveries FOR SELECT TO fio_auth USING (true);
--> statement-breakpoint
CREATE POLICY sweep_lookup ON webhook_endpoints FOR SELECT TO fio_auth USING (true);
--> statement-breakpoint
CREATE OR REPLACE FUNCTION fio_due_webhook_deliveries(p_before timestamptz, p_limit integer)
  RETURNS TABLE (tenant_id uuid, id uuid)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT d.tenant_id, d.id FROM webhook_deliveries d
    JOIN webhook_endpoints e ON e.id = d.endpoint_id AND e.enabled
    WHERE d.status = 'pending' AND d.next_attempt_at <= p_before
      -- only the head of each key: the others wait for it and are queued when it is done
      AND NOT EXISTS (SELECT 1 FROM webhook_deliveries o WHERE o.endpoint_id = d.endpoint_id
        AND o.order_key = d.order_key AND o.status = 'pending' AND o.ordinal < d.ordinal)
    ORDER BY d.next_attempt_at LIMIT least(greatest(p_limit, 1), 5000)
  $$;
--> statement-breakpoint
ALTER FUNCTION fio_due_webhook_deliveries(timestamptz, integer) OWNER TO fio_auth;
--> statement-breakpoint
REVOKE ALL ON FUNCTION fio_due_webhook_deliveries(timestamptz, integer) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION fio_due_webhook_deliveries(timestamptz, integer) TO fio_app;
--> statement-breakpoint
-- The sweep's scan: pending rows by due time across tenants.
CREATE INDEX IF NOT EXISTS webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
