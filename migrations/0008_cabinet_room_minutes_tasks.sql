CREATE TABLE "cabinet_annotations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"paper_id" uuid NOT NULL,
	"version_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"selector" jsonb NOT NULL,
	"note" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cabinet_comments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"agenda_item_id" uuid,
	"paper_id" uuid,
	"parent_id" uuid,
	"author_id" uuid NOT NULL,
	"written_by" uuid,
	"body" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"edited_at" timestamp with time zone,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "cabinet_comments_target_check" CHECK ("cabinet_comments"."agenda_item_id" is not null or "cabinet_comments"."paper_id" is not null)
);
--> statement-breakpoint
CREATE TABLE "cabinet_conclusions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"reference" text,
	"title" text NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"state" text NOT NULL,
	"due_on" date NOT NULL,
	"follow_up_officer_id" uuid,
	"issued_by" uuid,
	"issued_at" timestamp with time zone,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"revision" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "cabinet_conclusions_meeting_id_unique" UNIQUE("meeting_id")
);
--> statement-breakpoint
CREATE TABLE "cabinet_item_spans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agenda_item_id" uuid NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "cabinet_minutes" (
	"meeting_id" uuid PRIMARY KEY NOT NULL,
	"state" text NOT NULL,
	"sections" jsonb NOT NULL,
	"revision" integer DEFAULT 0 NOT NULL,
	"generated_at" timestamp with time zone NOT NULL,
	"updated_by" uuid NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"approved_by" uuid,
	"approved_at" timestamp with time zone,
	"pdf_sha256" text
);
--> statement-breakpoint
CREATE TABLE "cabinet_opinions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"agenda_item_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"position" text NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"state" text NOT NULL,
	"drafted_by" uuid NOT NULL,
	"submitted_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "cabinet_opinions_item_member_key" UNIQUE("agenda_item_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "cabinet_paper_texts" (
	"version_id" uuid PRIMARY KEY NOT NULL,
	"pages" jsonb NOT NULL,
	"extracted_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cabinet_speakers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"agenda_item_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"state" text NOT NULL,
	"position" integer NOT NULL,
	"limit_seconds" integer,
	"requested_at" timestamp with time zone NOT NULL,
	"started_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"spent_seconds" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cabinet_task_alerts" (
	"task_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	CONSTRAINT "cabinet_task_alerts_task_id_kind_pk" PRIMARY KEY("task_id","kind")
);
--> statement-breakpoint
CREATE TABLE "cabinet_task_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"task_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"state" text NOT NULL,
	"progress" integer NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cabinet_tasks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"conclusion_id" uuid NOT NULL,
	"meeting_id" uuid NOT NULL,
	"agenda_item_id" uuid,
	"title" text NOT NULL,
	"detail" text DEFAULT '' NOT NULL,
	"assignee_agency_id" uuid NOT NULL,
	"assignee_person_id" uuid,
	"due_on" date NOT NULL,
	"state" text NOT NULL,
	"progress" integer DEFAULT 0 NOT NULL,
	"completed_at" timestamp with time zone,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cabinet_meetings" ADD COLUMN "current_item_id" uuid;--> statement-breakpoint
ALTER TABLE "cabinet_meetings" ADD COLUMN "live_seq" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "cabinet_paper_versions" ADD COLUMN "view_state" text DEFAULT 'pending' NOT NULL;--> statement-breakpoint
ALTER TABLE "cabinet_paper_versions" ADD COLUMN "view_error" text;--> statement-breakpoint
ALTER TABLE "cabinet_annotations" ADD CONSTRAINT "cabinet_annotations_paper_id_cabinet_papers_id_fk" FOREIGN KEY ("paper_id") REFERENCES "public"."cabinet_papers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cabinet_annotations" ADD CONSTRAINT "cabinet_annotations_version_id_cabinet_paper_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."cabinet_paper_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cabinet_comments" ADD CONSTRAINT "cabinet_comments_meeting_id_cabinet_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."cabinet_meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cabinet_comments" ADD CONSTRAINT "cabinet_comments_agenda_item_id_cabinet_agenda_items_id_fk" FOREIGN KEY ("agenda_item_id") REFERENCES "public"."cabinet_agenda_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cabinet_comments" ADD CONSTRAINT "cabinet_comments_paper_id_cabinet_papers_id_fk" FOREIGN KEY ("paper_id") REFERENCES "public"."cabinet_papers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cabinet_conclusions" ADD CONSTRAINT "cabinet_conclusions_meeting_id_cabinet_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."cabinet_meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cabinet_item_spans" ADD CONSTRAINT "cabinet_item_spans_agenda_item_id_cabinet_agenda_items_id_fk" FOREIGN KEY ("agenda_item_id") REFERENCES "public"."cabinet_agenda_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cabinet_minutes" ADD CONSTRAINT "cabinet_minutes_meeting_id_cabinet_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."cabinet_meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cabinet_opinions" ADD CONSTRAINT "cabinet_opinions_meeting_id_cabinet_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."cabinet_meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cabinet_opinions" ADD CONSTRAINT "cabinet_opinions_agenda_item_id_cabinet_agenda_items_id_fk" FOREIGN KEY ("agenda_item_id") REFERENCES "public"."cabinet_agenda_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cabinet_paper_texts" ADD CONSTRAINT "cabinet_paper_texts_version_id_cabinet_paper_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."cabinet_paper_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cabinet_speakers" ADD CONSTRAINT "cabinet_speakers_meeting_id_cabinet_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."cabinet_meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cabinet_speakers" ADD CONSTRAINT "cabinet_speakers_agenda_item_id_cabinet_agenda_items_id_fk" FOREIGN KEY ("agenda_item_id") REFERENCES "public"."cabinet_agenda_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cabinet_task_alerts" ADD CONSTRAINT "cabinet_task_alerts_task_id_cabinet_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."cabinet_tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cabinet_task_reports" ADD CONSTRAINT "cabinet_task_reports_task_id_cabinet_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."cabinet_tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cabinet_tasks" ADD CONSTRAINT "cabinet_tasks_conclusion_id_cabinet_conclusions_id_fk" FOREIGN KEY ("conclusion_id") REFERENCES "public"."cabinet_conclusions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cabinet_tasks" ADD CONSTRAINT "cabinet_tasks_meeting_id_cabinet_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."cabinet_meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cabinet_tasks" ADD CONSTRAINT "cabinet_tasks_agenda_item_id_cabinet_agenda_items_id_fk" FOREIGN KEY ("agenda_item_id") REFERENCES "public"."cabinet_agenda_items"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cabinet_annotations_owner_idx" ON "cabinet_annotations" USING btree ("paper_id","person_id");--> statement-breakpoint
CREATE INDEX "cabinet_comments_meeting_idx" ON "cabinet_comments" USING btree ("meeting_id","created_at");--> statement-breakpoint
CREATE INDEX "cabinet_item_spans_item_idx" ON "cabinet_item_spans" USING btree ("agenda_item_id");--> statement-breakpoint
CREATE INDEX "cabinet_speakers_item_idx" ON "cabinet_speakers" USING btree ("agenda_item_id","position");--> statement-breakpoint
CREATE INDEX "cabinet_task_reports_task_idx" ON "cabinet_task_reports" USING btree ("task_id","created_at");--> statement-breakpoint
CREATE INDEX "cabinet_tasks_due_idx" ON "cabinet_tasks" USING btree ("state","due_on");--> statement-breakpoint
CREATE INDEX "cabinet_tasks_agency_idx" ON "cabinet_tasks" USING btree ("assignee_agency_id");--> statement-breakpoint
-- Every string inside a JSON value, joined by spaces: what full-text search indexes of pages and minutes
-- (jsonb::text would escape a line break as "\n" and glue the "n" to the next word).
CREATE OR REPLACE FUNCTION cpdt_json_text(jsonb) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT coalesce(string_agg(v #>> '{}', ' '), '') FROM jsonb_path_query($1, 'strict $.**') AS v WHERE jsonb_typeof(v) = 'string' $$;
--> statement-breakpoint
-- Accent-insensitive search over papers' text and minutes (src/modules/cabinet/search.service.ts uses these exact expressions).
CREATE INDEX "cabinet_paper_texts_fts_idx" ON "cabinet_paper_texts" USING gin (to_tsvector('vn'::regconfig, cpdt_json_text("pages")));
--> statement-breakpoint
CREATE INDEX "cabinet_minutes_fts_idx" ON "cabinet_minutes" USING gin (to_tsvector('vn'::regconfig, cpdt_json_text("sections")));
