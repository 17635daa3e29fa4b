-- Hand-written (issue 12, numbers as a pool): Meta's WABA-level webhooks (account_update,
-- phone_number_quality_update) carry no phone_number_id, only the account (entry.id) and sometimes a display
-- phone. They arrive before any tenant is known, so, like fio_find_channel_by_address, this narrow lookup
-- (ids only) is a SECURITY DEFINER function owned by fio_auth. p_display null: every live Cloud number of the
-- account; else the one whose display phone (digits only) matches.
CREATE OR REPLACE FUNCTION fio_find_cloud_channels(p_waba text, p_display text)
  RETURNS TABLE (channel_id uuid, tenant_id uuid)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$ SELECT c.id, c.tenant_id FROM channels c
        WHERE c.kind = 'whatsapp_cloud' AND c.removed_at IS NULL
          AND (p_waba IS NULL OR c.settings->>'wabaId' = p_waba)
          AND (p_display IS NULL
               OR regexp_replace(coalesce(c.settings->>'displayPhoneNumber', ''), '\D', '', 'g') = p_display)
          AND (p_waba IS NOT NULL OR p_display IS NOT NULL) $$;
--> statement-breakpoint
ALTER FUNCTION fio_find_cloud_channels(text, text) OWNER TO fio_auth;
--> statement-breakpoint
REVOKE ALL ON FUNCTION fio_find_cloud_channels(text, text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION fio_find_cloud_channels(text, text) TO fio_app;
