-- Rows of conversation_events that Postgres refused on their own (durable-objects/archiver.ts isolate()).
CREATE TABLE "archive_quarantine" (
	"tenant_id" uuid NOT NULL,
	"conversation_id" uuid NOT NULL,
	"seq" bigint NOT NULL,
	"payload" text NOT NULL,
	"error" text NOT NULL,
	"sqlstate" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "archive_quarantine_conversation_id_seq_pk" PRIMARY KEY("conversation_id","seq")
);
--> statement-breakpoint
ALTER TABLE "archive_quarantine" ADD CONSTRAINT "archive_quarantine_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "archive_quarantine_tenant_idx" ON "archive_quarantine" USING btree ("tenant_id","created_at");--> statement-breakpoint
-- Hand-written: the app role (the archiver) records refused rows; tenant isolation like every other table.
GRANT SELECT, INSERT ON archive_quarantine TO fio_app;
--> statement-breakpoint
ALTER TABLE archive_quarantine ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE archive_quarantine FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON archive_quarantine
  USING (tenant_id = fio_current_tenant()) WITH CHECK (tenant_id = fio_current_tenant());
