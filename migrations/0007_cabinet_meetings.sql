CREATE TABLE "cabinet_agenda_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"presenter_agency_id" uuid,
	"presenter_person_id" uuid,
	"planned_minutes" integer,
	"state" text DEFAULT 'pending' NOT NULL,
	"classification" text DEFAULT 'internal' NOT NULL,
	"started_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"spent_seconds" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cabinet_bodies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name_vi" text NOT NULL,
	"name_en" text,
	"kind" text NOT NULL,
	"agency_id" uuid NOT NULL,
	"rule_profile_code" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"retired_at" timestamp with time zone,
	CONSTRAINT "cabinet_bodies_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "cabinet_body_members" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"body_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"role" text NOT NULL,
	"title_vi" text,
	"title_en" text,
	"voting" boolean NOT NULL,
	"rank" integer DEFAULT 100 NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date
);
--> statement-breakpoint
CREATE TABLE "cabinet_meetings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"body_id" uuid NOT NULL,
	"rule_profile_id" uuid NOT NULL,
	"title" text NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"planned_start" timestamp with time zone NOT NULL,
	"planned_end" timestamp with time zone NOT NULL,
	"actual_start" timestamp with time zone,
	"actual_end" timestamp with time zone,
	"location" text,
	"online_url" text,
	"chair_id" uuid NOT NULL,
	"papers_due_on" date NOT NULL,
	"invitations_sent_at" timestamp with time zone,
	"revision" integer DEFAULT 0 NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"cancelled_reason" text,
	CONSTRAINT "cabinet_meetings_time_check" CHECK ("cabinet_meetings"."planned_end" > "cabinet_meetings"."planned_start")
);
--> statement-breakpoint
CREATE TABLE "cabinet_paper_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"paper_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"sha256" text NOT NULL,
	"file_name" text NOT NULL,
	"media_type" text NOT NULL,
	"size" bigint NOT NULL,
	"view_sha256" text,
	"late" boolean NOT NULL,
	"note" text,
	"uploaded_by" uuid NOT NULL,
	"uploaded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "cabinet_paper_versions_paper_version_key" UNIQUE("paper_id","version")
);
--> statement-breakpoint
CREATE TABLE "cabinet_papers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"agenda_item_id" uuid,
	"title" text NOT NULL,
	"kind" text NOT NULL,
	"classification" text NOT NULL,
	"reference" text,
	"paper_circulation_note" text,
	"restricted_to" uuid[],
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cabinet_participants" (
	"meeting_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"role" text NOT NULL,
	"voting" boolean NOT NULL,
	"substitute_for" uuid,
	"attendance" text NOT NULL,
	"absence_reason" text,
	"absence_decided_by" uuid,
	"responded_at" timestamp with time zone,
	"checked_in_at" timestamp with time zone,
	"remote" boolean DEFAULT false NOT NULL,
	CONSTRAINT "cabinet_participants_meeting_id_person_id_pk" PRIMARY KEY("meeting_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "cabinet_read_receipts" (
	"version_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"first_read_at" timestamp with time zone NOT NULL,
	"last_read_at" timestamp with time zone NOT NULL,
	"downloads" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "cabinet_read_receipts_version_id_person_id_pk" PRIMARY KEY("version_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "cabinet_rule_profiles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name_vi" text NOT NULL,
	"name_en" text,
	"rules" jsonb NOT NULL,
	"legal_basis" jsonb NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cabinet_rule_profiles_code_from_key" UNIQUE("code","valid_from")
);
--> statement-breakpoint
ALTER TABLE "cabinet_agenda_items" ADD CONSTRAINT "cabinet_agenda_items_meeting_id_cabinet_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."cabinet_meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cabinet_body_members" ADD CONSTRAINT "cabinet_body_members_body_id_cabinet_bodies_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."cabinet_bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cabinet_meetings" ADD CONSTRAINT "cabinet_meetings_body_id_cabinet_bodies_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."cabinet_bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cabinet_meetings" ADD CONSTRAINT "cabinet_meetings_rule_profile_id_cabinet_rule_profiles_id_fk" FOREIGN KEY ("rule_profile_id") REFERENCES "public"."cabinet_rule_profiles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cabinet_paper_versions" ADD CONSTRAINT "cabinet_paper_versions_paper_id_cabinet_papers_id_fk" FOREIGN KEY ("paper_id") REFERENCES "public"."cabinet_papers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cabinet_papers" ADD CONSTRAINT "cabinet_papers_meeting_id_cabinet_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."cabinet_meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cabinet_papers" ADD CONSTRAINT "cabinet_papers_agenda_item_id_cabinet_agenda_items_id_fk" FOREIGN KEY ("agenda_item_id") REFERENCES "public"."cabinet_agenda_items"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cabinet_participants" ADD CONSTRAINT "cabinet_participants_meeting_id_cabinet_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."cabinet_meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cabinet_read_receipts" ADD CONSTRAINT "cabinet_read_receipts_version_id_cabinet_paper_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."cabinet_paper_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cabinet_agenda_items_meeting_idx" ON "cabinet_agenda_items" USING btree ("meeting_id","position");--> statement-breakpoint
CREATE INDEX "cabinet_body_members_body_idx" ON "cabinet_body_members" USING btree ("body_id");--> statement-breakpoint
CREATE INDEX "cabinet_body_members_person_idx" ON "cabinet_body_members" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "cabinet_meetings_body_start_idx" ON "cabinet_meetings" USING btree ("body_id","planned_start");--> statement-breakpoint
CREATE INDEX "cabinet_papers_meeting_idx" ON "cabinet_papers" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "cabinet_participants_person_idx" ON "cabinet_participants" USING btree ("person_id");