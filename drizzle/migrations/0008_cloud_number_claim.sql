-- A WhatsApp Cloud number is live in at most one channel across all tenants. channels_live_address_key (0002:
-- unique (kind, address) among rows not removed) already spans tenants, whatever RLS hides; these checks make
-- sure it covers the number itself: no WhatsApp channel without an address, and a Cloud channel's address is
-- its phone_number_id in one spelling (no leading zero), equal to the settings.phoneNumberId the senders use.
ALTER TABLE "channels" ADD CONSTRAINT "channels_address_check" CHECK ("channels"."kind" = 'widget' or "channels"."address" is not null);--> statement-breakpoint
ALTER TABLE "channels" ADD CONSTRAINT "channels_cloud_number_check" CHECK ("channels"."kind" <> 'whatsapp_cloud' or ("channels"."address" ~ '^[1-9][0-9]{4,19}$' and "channels"."address" = "channels"."settings" ->> 'phoneNumberId'));
