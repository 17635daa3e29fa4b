CREATE TABLE "outage_conversations" (
	"tenant_id" uuid NOT NULL,
	"outage_id" uuid NOT NULL,
	"conversation_id" uuid NOT NULL,
	"contact_id" uuid,
	"ticket_id" uuid,
	"phone" text,
	"told_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "outage_conversations_outage_id_conversation_id_pk" PRIMARY KEY("outage_id","conversation_id")
);
--> statement-breakpoint
ALTER TABLE "outage_conversations" ADD CONSTRAINT "outage_conversations_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outage_conversations" ADD CONSTRAINT "outage_conversations_outage_id_outages_id_fk" FOREIGN KEY ("outage_id") REFERENCES "public"."outages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outage_conversations" ADD CONSTRAINT "outage_conversations_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outage_conversations" ADD CONSTRAINT "outage_conversations_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "outage_conversations_tenant_idx" ON "outage_conversations" USING btree ("tenant_id","outage_id");--> statement-breakpoint
-- Hand-written: grants and tenant isolation.
GRANT SELECT, INSERT, UPDATE, DELETE ON outage_conversations TO fio_app;
--> statement-breakpoint
ALTER TABLE outage_conversations ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE outage_conversations FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON outage_conversations
  USING (tenant_id = fio_current_tenant()) WITH CHECK (tenant_id = fio_current_tenant());
