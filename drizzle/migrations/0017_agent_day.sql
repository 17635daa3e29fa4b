DROP INDEX "tickets_protocol_key";--> statement-breakpoint
ALTER TABLE "channel_alerts" ADD COLUMN "code" text;--> statement-breakpoint
ALTER TABLE "channel_alerts" ADD COLUMN "params" jsonb;--> statement-breakpoint
ALTER TABLE "channels" ADD COLUMN "health_code" text;--> statement-breakpoint
ALTER TABLE "channels" ADD COLUMN "health_params" jsonb;--> statement-breakpoint
ALTER TABLE "channels" ADD COLUMN "pairing_state" text;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "continued_from_conversation_id" uuid;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "continued_from_ticket_id" uuid;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "continued_in_conversation_id" uuid;--> statement-breakpoint
CREATE UNIQUE INDEX "tickets_protocol_key" ON "tickets" USING btree ("tenant_id","protocol") WHERE "tickets"."continued_from_ticket_id" is null;