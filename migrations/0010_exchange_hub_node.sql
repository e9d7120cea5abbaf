CREATE TABLE "exchange_attachments" (
	"document_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"sha256" text NOT NULL,
	"size" integer NOT NULL,
	"media_type" text NOT NULL,
	CONSTRAINT "exchange_attachments_document_id_position_pk" PRIMARY KEY("document_id","position")
);
--> statement-breakpoint
CREATE TABLE "exchange_documents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"direction" text NOT NULL,
	"agency_code" text NOT NULL,
	"document_id" text NOT NULL,
	"hub_message_id" uuid,
	"from_code" text NOT NULL,
	"from_name" text,
	"business_doc_type" text DEFAULT '0' NOT NULL,
	"target_document_id" text,
	"change_reason" text,
	"code_number" text,
	"code_notation" text,
	"subject" text NOT NULL,
	"search_text" text NOT NULL,
	"type_name" text,
	"promulgation_date" text,
	"signer_name" text,
	"signer_position" text,
	"priority" integer DEFAULT 0 NOT NULL,
	"due_date" text,
	"envelope_sha256" text NOT NULL,
	"verification" jsonb,
	"state" text NOT NULL,
	"incoming_number" integer,
	"department" text,
	"assignee_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exchange_hub_deliveries" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"message_id" uuid NOT NULL,
	"addressed_code" text NOT NULL,
	"agency_code" text NOT NULL,
	"system_id" text,
	"state" text NOT NULL,
	"fetches" integer DEFAULT 0 NOT NULL,
	"push_attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone NOT NULL,
	"fetched_at" timestamp with time zone,
	"settled_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "exchange_hub_hops" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"message_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor" text NOT NULL,
	"event" text NOT NULL,
	"agency_code" text,
	"detail" jsonb
);
--> statement-breakpoint
CREATE TABLE "exchange_hub_messages" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"sender_system" text NOT NULL,
	"from_code" text NOT NULL,
	"document_id" text NOT NULL,
	"business_code" text NOT NULL,
	"dedupe_key" text NOT NULL,
	"subject" text,
	"notation" text,
	"sha256" text NOT NULL,
	"size" integer NOT NULL,
	"signature" text NOT NULL,
	"warnings" integer DEFAULT 0 NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	CONSTRAINT "exchange_hub_messages_dedupe_key_unique" UNIQUE("dedupe_key")
);
--> statement-breakpoint
CREATE TABLE "exchange_leases" (
	"name" text PRIMARY KEY NOT NULL,
	"holder" text NOT NULL,
	"until" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exchange_node_agencies" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exchange_outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"document_id" uuid,
	"from_code" text NOT NULL,
	"to_codes" text[] NOT NULL,
	"envelope_sha256" text NOT NULL,
	"state" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"hub_message_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "exchange_recipients" (
	"document_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text,
	"status_code" text,
	"status_at" timestamp with time zone,
	CONSTRAINT "exchange_recipients_document_id_code_pk" PRIMARY KEY("document_id","code")
);
--> statement-breakpoint
CREATE TABLE "exchange_register_counters" (
	"agency_code" text NOT NULL,
	"year" integer NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "exchange_register_counters_agency_code_year_pk" PRIMARY KEY("agency_code","year")
);
--> statement-breakpoint
CREATE TABLE "exchange_status_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"document_id" uuid NOT NULL,
	"agency_code" text NOT NULL,
	"status_code" text NOT NULL,
	"description" text,
	"staff" text,
	"at" timestamp with time zone NOT NULL,
	"hub_message_id" uuid
);
--> statement-breakpoint
CREATE TABLE "exchange_system_agencies" (
	"system_id" text NOT NULL,
	"agency_code" text NOT NULL,
	CONSTRAINT "exchange_system_agencies_system_id_agency_code_pk" PRIMARY KEY("system_id","agency_code")
);
--> statement-breakpoint
CREATE TABLE "exchange_systems" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"secret_sealed" text NOT NULL,
	"oidc_client_id" text,
	"active" boolean DEFAULT true NOT NULL,
	"max_envelope_bytes" integer NOT NULL,
	"sends_per_minute" integer NOT NULL,
	"push_url" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "exchange_systems_oidc_client_id_unique" UNIQUE("oidc_client_id")
);
--> statement-breakpoint
ALTER TABLE "exchange_attachments" ADD CONSTRAINT "exchange_attachments_document_id_exchange_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."exchange_documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_hub_deliveries" ADD CONSTRAINT "exchange_hub_deliveries_message_id_exchange_hub_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."exchange_hub_messages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_outbox" ADD CONSTRAINT "exchange_outbox_document_id_exchange_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."exchange_documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_recipients" ADD CONSTRAINT "exchange_recipients_document_id_exchange_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."exchange_documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_status_events" ADD CONSTRAINT "exchange_status_events_document_id_exchange_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."exchange_documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_system_agencies" ADD CONSTRAINT "exchange_system_agencies_system_id_exchange_systems_id_fk" FOREIGN KEY ("system_id") REFERENCES "public"."exchange_systems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "exchange_documents_hub_message_idx" ON "exchange_documents" USING btree ("agency_code","hub_message_id");--> statement-breakpoint
CREATE UNIQUE INDEX "exchange_documents_out_idx" ON "exchange_documents" USING btree ("agency_code","direction","document_id","business_doc_type");--> statement-breakpoint
CREATE INDEX "exchange_documents_list_idx" ON "exchange_documents" USING btree ("agency_code","direction","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "exchange_hub_deliveries_message_agency_idx" ON "exchange_hub_deliveries" USING btree ("message_id","agency_code");--> statement-breakpoint
CREATE INDEX "exchange_hub_deliveries_queue_idx" ON "exchange_hub_deliveries" USING btree ("system_id","state","seq");--> statement-breakpoint
CREATE INDEX "exchange_hub_hops_message_idx" ON "exchange_hub_hops" USING btree ("message_id","id");--> statement-breakpoint
CREATE INDEX "exchange_hub_messages_received_idx" ON "exchange_hub_messages" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "exchange_outbox_state_idx" ON "exchange_outbox" USING btree ("state","id");--> statement-breakpoint
CREATE INDEX "exchange_status_events_document_idx" ON "exchange_status_events" USING btree ("document_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "exchange_status_events_hub_idx" ON "exchange_status_events" USING btree ("document_id","hub_message_id");--> statement-breakpoint
CREATE UNIQUE INDEX "exchange_system_agencies_code_idx" ON "exchange_system_agencies" USING btree ("agency_code");