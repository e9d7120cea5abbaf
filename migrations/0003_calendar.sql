CREATE TABLE "calendar_holiday_decisions" (
	"year" integer NOT NULL,
	"rule_id" text NOT NULL,
	"days_before" integer NOT NULL,
	"days_after" integer NOT NULL,
	"legal_basis" text NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "calendar_holiday_decisions_year_rule_id_pk" PRIMARY KEY("year","rule_id"),
	CONSTRAINT "calendar_holiday_decisions_days_check" CHECK ("calendar_holiday_decisions"."days_before" between 0 and 31 and "calendar_holiday_decisions"."days_after" between 0 and 31)
);
--> statement-breakpoint
CREATE TABLE "calendar_overrides" (
	"date" date PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"reason_vi" text NOT NULL,
	"reason_en" text,
	"legal_basis" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "calendar_overrides_kind_check" CHECK ("calendar_overrides"."kind" in ('off', 'work'))
);
