CREATE TABLE "cabinet_ballot_alerts" (
	"ballot_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"deadline" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	CONSTRAINT "cabinet_ballot_alerts_ballot_id_person_id_kind_deadline_pk" PRIMARY KEY("ballot_id","person_id","kind","deadline")
);
--> statement-breakpoint
CREATE TABLE "cabinet_ballot_papers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ballot_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"sha256" text NOT NULL,
	"file_name" text NOT NULL,
	"media_type" text NOT NULL,
	"size" bigint NOT NULL,
	"uploaded_by" uuid NOT NULL,
	"uploaded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cabinet_ballot_responses" (
	"ballot_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"state" text NOT NULL,
	"delivered_at" timestamp with time zone,
	"opened_at" timestamp with time zone,
	"draft" jsonb,
	"drafted_by" uuid,
	"drafted_at" timestamp with time zone,
	"payload" text,
	"payload_sha256" text,
	"signature" text,
	"certificate_id" uuid,
	"receipt_payload" text,
	"receipt_signature" text,
	"log_seq" integer,
	"signed_at" timestamp with time zone,
	CONSTRAINT "cabinet_ballot_responses_ballot_id_person_id_pk" PRIMARY KEY("ballot_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "cabinet_ballots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"body_id" uuid NOT NULL,
	"reference" text,
	"title" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"questions" jsonb NOT NULL,
	"state" text NOT NULL,
	"rule_profile_id" uuid NOT NULL,
	"answer_days" integer NOT NULL,
	"deadline" timestamp with time zone,
	"original_deadline" timestamp with time zone,
	"roster" jsonb,
	"roster_hash" text,
	"roster_payload" text,
	"roster_signature" text,
	"follow_up_by" uuid,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"submitted_at" timestamp with time zone,
	"approved_by" uuid,
	"approved_at" timestamp with time zone,
	"sent_by" uuid,
	"sent_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"recalled_reason" text,
	"outcome" jsonb,
	"result_sha256" text,
	"revision" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cabinet_decision_checkpoints" (
	"decision_kind" text NOT NULL,
	"decision_id" uuid NOT NULL,
	"size" integer NOT NULL,
	"head_hash" text NOT NULL,
	"payload" text NOT NULL,
	"signature" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "cabinet_decision_checkpoints_decision_kind_decision_id_size_pk" PRIMARY KEY("decision_kind","decision_id","size")
);
--> statement-breakpoint
CREATE TABLE "cabinet_decision_log" (
	"decision_kind" text NOT NULL,
	"decision_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"type" text NOT NULL,
	"ref" text,
	"payload_sha256" text NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "cabinet_decision_log_decision_kind_decision_id_seq_pk" PRIMARY KEY("decision_kind","decision_id","seq")
);
--> statement-breakpoint
CREATE TABLE "cabinet_polls" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"agenda_item_id" uuid NOT NULL,
	"question" text NOT NULL,
	"kind" text NOT NULL,
	"options" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"state" text NOT NULL,
	"rule_profile_id" uuid NOT NULL,
	"roster" jsonb NOT NULL,
	"roster_hash" text NOT NULL,
	"roster_payload" text NOT NULL,
	"roster_signature" text NOT NULL,
	"present_count" integer NOT NULL,
	"paper_hashes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"opened_by" uuid NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"closed_by" uuid,
	"closed_at" timestamp with time zone,
	"outcome" jsonb
);
--> statement-breakpoint
CREATE TABLE "cabinet_votes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"poll_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"choice" text NOT NULL,
	"payload" text NOT NULL,
	"payload_sha256" text NOT NULL,
	"signature" text NOT NULL,
	"certificate_id" uuid NOT NULL,
	"recorded_by" uuid,
	"evidence" text,
	"ratification_payload" text,
	"ratification_signature" text,
	"ratified_at" timestamp with time zone,
	"receipt_payload" text NOT NULL,
	"receipt_signature" text NOT NULL,
	"log_seq" integer NOT NULL,
	"cast_at" timestamp with time zone NOT NULL,
	CONSTRAINT "cabinet_votes_poll_person_key" UNIQUE("poll_id","person_id")
);
--> statement-breakpoint
ALTER TABLE "cabinet_ballot_alerts" ADD CONSTRAINT "cabinet_ballot_alerts_ballot_id_cabinet_ballots_id_fk" FOREIGN KEY ("ballot_id") REFERENCES "public"."cabinet_ballots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cabinet_ballot_papers" ADD CONSTRAINT "cabinet_ballot_papers_ballot_id_cabinet_ballots_id_fk" FOREIGN KEY ("ballot_id") REFERENCES "public"."cabinet_ballots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cabinet_ballot_responses" ADD CONSTRAINT "cabinet_ballot_responses_ballot_id_cabinet_ballots_id_fk" FOREIGN KEY ("ballot_id") REFERENCES "public"."cabinet_ballots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cabinet_ballots" ADD CONSTRAINT "cabinet_ballots_body_id_cabinet_bodies_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."cabinet_bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cabinet_ballots" ADD CONSTRAINT "cabinet_ballots_rule_profile_id_cabinet_rule_profiles_id_fk" FOREIGN KEY ("rule_profile_id") REFERENCES "public"."cabinet_rule_profiles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cabinet_polls" ADD CONSTRAINT "cabinet_polls_meeting_id_cabinet_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."cabinet_meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cabinet_polls" ADD CONSTRAINT "cabinet_polls_agenda_item_id_cabinet_agenda_items_id_fk" FOREIGN KEY ("agenda_item_id") REFERENCES "public"."cabinet_agenda_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cabinet_polls" ADD CONSTRAINT "cabinet_polls_rule_profile_id_cabinet_rule_profiles_id_fk" FOREIGN KEY ("rule_profile_id") REFERENCES "public"."cabinet_rule_profiles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cabinet_votes" ADD CONSTRAINT "cabinet_votes_poll_id_cabinet_polls_id_fk" FOREIGN KEY ("poll_id") REFERENCES "public"."cabinet_polls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cabinet_ballot_papers_ballot_idx" ON "cabinet_ballot_papers" USING btree ("ballot_id","position");--> statement-breakpoint
CREATE INDEX "cabinet_ballot_responses_person_idx" ON "cabinet_ballot_responses" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "cabinet_ballots_body_idx" ON "cabinet_ballots" USING btree ("body_id","created_at");--> statement-breakpoint
CREATE INDEX "cabinet_polls_meeting_idx" ON "cabinet_polls" USING btree ("meeting_id","opened_at");