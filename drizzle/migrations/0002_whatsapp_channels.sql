CREATE TABLE "channel_alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"channel_id" uuid NOT NULL,
	"status" text NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "whatsapp_templates" (
	"tenant_id" uuid NOT NULL,
	"channel_id" uuid NOT NULL,
	"name" text NOT NULL,
	"language" text NOT NULL,
	"status" text NOT NULL,
	"category" text,
	"body" text,
	"components" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "whatsapp_templates_channel_id_name_language_pk" PRIMARY KEY("channel_id","name","language")
);
--> statement-breakpoint
ALTER TABLE "channels" ADD COLUMN "address" text;--> statement-breakpoint
ALTER TABLE "channels" ADD COLUMN "credentials" text;--> statement-breakpoint
ALTER TABLE "channels" ADD COLUMN "webhook_secret_hash" text;--> statement-breakpoint
ALTER TABLE "channels" ADD COLUMN "last_webhook_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "channels" ADD COLUMN "token_valid" boolean;--> statement-breakpoint
ALTER TABLE "channels" ADD COLUMN "health_status" text DEFAULT 'healthy' NOT NULL;--> statement-breakpoint
ALTER TABLE "channels" ADD COLUMN "health_reason" text;--> statement-breakpoint
ALTER TABLE "channels" ADD COLUMN "health_changed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "channels" ADD COLUMN "removed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "service_window_expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "channel_alerts" ADD CONSTRAINT "channel_alerts_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_alerts" ADD CONSTRAINT "channel_alerts_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "whatsapp_templates" ADD CONSTRAINT "whatsapp_templates_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "whatsapp_templates" ADD CONSTRAINT "whatsapp_templates_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "channel_alerts_channel_idx" ON "channel_alerts" USING btree ("tenant_id","channel_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "channels_live_address_key" ON "channels" USING btree ("kind","address") WHERE "channels"."removed_at" is null;--> statement-breakpoint
ALTER TABLE "channels" ADD CONSTRAINT "channels_health_check" CHECK ("channels"."health_status" in ('healthy','unhealthy'));