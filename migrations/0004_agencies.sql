CREATE TABLE "identity_admin_unit_successors" (
	"old_code" text NOT NULL,
	"new_code" text NOT NULL,
	"effective_from" date NOT NULL,
	"legal_basis" text,
	CONSTRAINT "identity_admin_unit_successors_old_code_new_code_effective_from_pk" PRIMARY KEY("old_code","new_code","effective_from")
);
--> statement-breakpoint
CREATE TABLE "identity_admin_units" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"level" text NOT NULL,
	"type" text NOT NULL,
	"name" text NOT NULL,
	"full_name" text NOT NULL,
	"name_en" text,
	"full_name_en" text,
	"province_code" text,
	"valid_from" date,
	"valid_to" date,
	CONSTRAINT "identity_admin_units_code_valid_to_key" UNIQUE NULLS NOT DISTINCT("code","valid_to"),
	CONSTRAINT "identity_admin_units_level_check" CHECK ("identity_admin_units"."level" in ('province', 'district', 'commune'))
);
--> statement-breakpoint
CREATE TABLE "identity_agencies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name_vi" text NOT NULL,
	"name_en" text,
	"short_name" text,
	"parent_id" uuid,
	"level" text NOT NULL,
	"admin_unit_code" text,
	"valid_from" date,
	"valid_to" date,
	"legal_basis" text,
	"retired_basis" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "identity_agencies_level_check" CHECK ("identity_agencies"."level" in ('central', 'province', 'district', 'commune')),
	CONSTRAINT "identity_agencies_code_check" CHECK ("identity_agencies"."code" ~ '^[0-9A-Z.]{1,35}$'),
	CONSTRAINT "identity_agencies_validity_check" CHECK ("identity_agencies"."valid_to" is null or "identity_agencies"."valid_from" is null or "identity_agencies"."valid_to" >= "identity_agencies"."valid_from")
);
--> statement-breakpoint
CREATE TABLE "identity_agency_successions" (
	"predecessor_id" uuid NOT NULL,
	"successor_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"date" date NOT NULL,
	"legal_basis" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "identity_agency_successions_predecessor_id_successor_id_pk" PRIMARY KEY("predecessor_id","successor_id"),
	CONSTRAINT "identity_agency_successions_kind_check" CHECK ("identity_agency_successions"."kind" in ('rename', 'merge', 'split')),
	CONSTRAINT "identity_agency_successions_self_check" CHECK ("identity_agency_successions"."predecessor_id" <> "identity_agency_successions"."successor_id")
);
--> statement-breakpoint
ALTER TABLE "identity_agencies" ADD CONSTRAINT "identity_agencies_parent_id_identity_agencies_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."identity_agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity_agency_successions" ADD CONSTRAINT "identity_agency_successions_predecessor_id_identity_agencies_id_fk" FOREIGN KEY ("predecessor_id") REFERENCES "public"."identity_agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity_agency_successions" ADD CONSTRAINT "identity_agency_successions_successor_id_identity_agencies_id_fk" FOREIGN KEY ("successor_id") REFERENCES "public"."identity_agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "identity_admin_unit_successors_new_idx" ON "identity_admin_unit_successors" USING btree ("new_code");--> statement-breakpoint
CREATE INDEX "identity_admin_units_province_idx" ON "identity_admin_units" USING btree ("province_code");--> statement-breakpoint
CREATE UNIQUE INDEX "identity_agencies_current_code_idx" ON "identity_agencies" USING btree ("code") WHERE valid_to is null;--> statement-breakpoint
CREATE INDEX "identity_agencies_code_idx" ON "identity_agencies" USING btree ("code");--> statement-breakpoint
CREATE INDEX "identity_agencies_parent_idx" ON "identity_agencies" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "identity_agency_successions_successor_idx" ON "identity_agency_successions" USING btree ("successor_id");