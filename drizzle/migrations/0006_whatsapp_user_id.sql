-- Contacts known by Meta's business-scoped user id (BSUID) as well as, or instead of, their phone: found again
-- by it, unique per tenant (NULLs stay distinct, so contacts without one never collide). The column sits on
-- an existing table, so its row-level security policy already covers it.
ALTER TABLE "contacts" ADD COLUMN "whatsapp_user_id" text;--> statement-breakpoint
CREATE UNIQUE INDEX "contacts_tenant_whatsapp_user_key" ON "contacts" USING btree ("tenant_id","whatsapp_user_id");