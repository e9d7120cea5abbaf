CREATE TABLE "identity_business_representatives" (
	"business_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"role" text NOT NULL,
	"valid_from" date,
	"valid_to" date,
	CONSTRAINT "identity_business_representatives_business_id_person_id_pk" PRIMARY KEY("business_id","person_id"),
	CONSTRAINT "identity_business_representatives_role_check" CHECK ("identity_business_representatives"."role" in ('legal', 'authorised'))
);
--> statement-breakpoint
CREATE TABLE "identity_businesses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enterprise_code" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text,
	"address" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "identity_businesses_enterprise_code_unique" UNIQUE("enterprise_code"),
	CONSTRAINT "identity_businesses_code_check" CHECK ("identity_businesses"."enterprise_code" ~ '^[0-9]{10}(-[0-9]{3})?$')
);
--> statement-breakpoint
CREATE TABLE "identity_certificates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"fingerprint" text NOT NULL,
	"serial_number" text NOT NULL,
	"subject" text NOT NULL,
	"issuer" text NOT NULL,
	"not_before" timestamp with time zone NOT NULL,
	"not_after" timestamp with time zone NOT NULL,
	"key_usage" text[] DEFAULT '{}' NOT NULL,
	"pem" text NOT NULL,
	"source" text NOT NULL,
	"label" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "identity_certificates_fingerprint_unique" UNIQUE("fingerprint"),
	CONSTRAINT "identity_certificates_source_check" CHECK ("identity_certificates"."source" in ('upload', 'ca'))
);
--> statement-breakpoint
CREATE TABLE "identity_challenges" (
	"id" text PRIMARY KEY NOT NULL,
	"purpose" text NOT NULL,
	"person_id" uuid,
	"data" jsonb NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "identity_delegations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"principal_id" uuid NOT NULL,
	"delegate_id" uuid NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "identity_delegations_self_check" CHECK ("identity_delegations"."principal_id" <> "identity_delegations"."delegate_id")
);
--> statement-breakpoint
CREATE TABLE "identity_external_identities" (
	"provider" text NOT NULL,
	"subject" text NOT NULL,
	"person_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_sign_in_at" timestamp with time zone,
	CONSTRAINT "identity_external_identities_provider_subject_pk" PRIMARY KEY("provider","subject")
);
--> statement-breakpoint
CREATE TABLE "identity_government_members" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"office" text NOT NULL,
	"agency_id" uuid,
	"title_vi" text NOT NULL,
	"title_en" text,
	"valid_from" date NOT NULL,
	"valid_to" date,
	CONSTRAINT "identity_government_members_office_check" CHECK ("identity_government_members"."office" in ('prime_minister', 'deputy_prime_minister', 'minister', 'head_of_agency'))
);
--> statement-breakpoint
CREATE TABLE "identity_oidc_clients" (
	"client_id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"agency_id" uuid,
	"metadata" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"disabled_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "identity_oidc_payloads" (
	"model" text NOT NULL,
	"id" text NOT NULL,
	"payload" jsonb NOT NULL,
	"grant_id" text,
	"user_code" text,
	"uid" text,
	"expires_at" timestamp with time zone,
	"consumed_at" timestamp with time zone,
	CONSTRAINT "identity_oidc_payloads_model_id_pk" PRIMARY KEY("model","id")
);
--> statement-breakpoint
CREATE TABLE "identity_passkeys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"credential_id" text NOT NULL,
	"public_key" text NOT NULL,
	"counter" bigint DEFAULT 0 NOT NULL,
	"transports" text[] DEFAULT '{}' NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	CONSTRAINT "identity_passkeys_credential_id_unique" UNIQUE("credential_id")
);
--> statement-breakpoint
CREATE TABLE "identity_person_agencies" (
	"person_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"position" text,
	"position_en" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "identity_person_agencies_person_id_agency_id_pk" PRIMARY KEY("person_id","agency_id")
);
--> statement-breakpoint
CREATE TABLE "identity_recovery_codes" (
	"person_id" uuid NOT NULL,
	"code_hash" text NOT NULL,
	"used_at" timestamp with time zone,
	CONSTRAINT "identity_recovery_codes_person_id_code_hash_pk" PRIMARY KEY("person_id","code_hash")
);
--> statement-breakpoint
CREATE TABLE "identity_totp" (
	"person_id" uuid PRIMARY KEY NOT NULL,
	"secret_enc" text NOT NULL,
	"confirmed_at" timestamp with time zone,
	"last_step" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "identity_persons" ADD COLUMN "kind" text DEFAULT 'official' NOT NULL;--> statement-breakpoint
ALTER TABLE "identity_persons" ADD COLUMN "personal_id" text;--> statement-breakpoint
ALTER TABLE "identity_persons" ADD COLUMN "birth_date" date;--> statement-breakpoint
ALTER TABLE "identity_persons" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "identity_roles" ADD COLUMN "requires_mfa" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "identity_roles" ADD COLUMN "builtin" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "identity_sessions" ADD COLUMN "methods" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "identity_sessions" ADD COLUMN "pending" text;--> statement-breakpoint
ALTER TABLE "identity_sessions" ADD COLUMN "agency_id" uuid;--> statement-breakpoint
ALTER TABLE "identity_business_representatives" ADD CONSTRAINT "identity_business_representatives_business_id_identity_businesses_id_fk" FOREIGN KEY ("business_id") REFERENCES "public"."identity_businesses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity_business_representatives" ADD CONSTRAINT "identity_business_representatives_person_id_identity_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."identity_persons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity_certificates" ADD CONSTRAINT "identity_certificates_person_id_identity_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."identity_persons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity_challenges" ADD CONSTRAINT "identity_challenges_person_id_identity_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."identity_persons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity_delegations" ADD CONSTRAINT "identity_delegations_principal_id_identity_persons_id_fk" FOREIGN KEY ("principal_id") REFERENCES "public"."identity_persons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity_delegations" ADD CONSTRAINT "identity_delegations_delegate_id_identity_persons_id_fk" FOREIGN KEY ("delegate_id") REFERENCES "public"."identity_persons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity_external_identities" ADD CONSTRAINT "identity_external_identities_person_id_identity_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."identity_persons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity_government_members" ADD CONSTRAINT "identity_government_members_person_id_identity_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."identity_persons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity_government_members" ADD CONSTRAINT "identity_government_members_agency_id_identity_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."identity_agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity_oidc_clients" ADD CONSTRAINT "identity_oidc_clients_agency_id_identity_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."identity_agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity_passkeys" ADD CONSTRAINT "identity_passkeys_person_id_identity_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."identity_persons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity_person_agencies" ADD CONSTRAINT "identity_person_agencies_person_id_identity_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."identity_persons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity_person_agencies" ADD CONSTRAINT "identity_person_agencies_agency_id_identity_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."identity_agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity_recovery_codes" ADD CONSTRAINT "identity_recovery_codes_person_id_identity_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."identity_persons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity_totp" ADD CONSTRAINT "identity_totp_person_id_identity_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."identity_persons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "identity_business_representatives_person_idx" ON "identity_business_representatives" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "identity_certificates_person_idx" ON "identity_certificates" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "identity_challenges_expires_idx" ON "identity_challenges" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "identity_delegations_principal_idx" ON "identity_delegations" USING btree ("principal_id");--> statement-breakpoint
CREATE INDEX "identity_delegations_delegate_idx" ON "identity_delegations" USING btree ("delegate_id");--> statement-breakpoint
CREATE INDEX "identity_external_identities_person_idx" ON "identity_external_identities" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "identity_government_members_person_idx" ON "identity_government_members" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "identity_oidc_payloads_grant_idx" ON "identity_oidc_payloads" USING btree ("grant_id");--> statement-breakpoint
CREATE INDEX "identity_oidc_payloads_uid_idx" ON "identity_oidc_payloads" USING btree ("uid");--> statement-breakpoint
CREATE INDEX "identity_oidc_payloads_expires_idx" ON "identity_oidc_payloads" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "identity_passkeys_person_idx" ON "identity_passkeys" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "identity_person_agencies_agency_idx" ON "identity_person_agencies" USING btree ("agency_id");--> statement-breakpoint
CREATE UNIQUE INDEX "identity_persons_personal_id_idx" ON "identity_persons" USING btree ("personal_id");--> statement-breakpoint
ALTER TABLE "identity_persons" ADD CONSTRAINT "identity_persons_kind_check" CHECK ("identity_persons"."kind" in ('official', 'citizen', 'business'));--> statement-breakpoint
ALTER TABLE "identity_persons" ADD CONSTRAINT "identity_persons_personal_id_check" CHECK ("identity_persons"."personal_id" ~ '^[0-9]{12}$');--> statement-breakpoint
ALTER TABLE "identity_sessions" ADD CONSTRAINT "identity_sessions_pending_check" CHECK ("identity_sessions"."pending" in ('verify', 'enrol'));--> statement-breakpoint
-- Existing officials' main agency becomes their first post; the built-in roles are marked, and administrators must use a second factor.
INSERT INTO "identity_person_agencies" ("person_id", "agency_id") SELECT "id", "agency_id"::uuid FROM "identity_persons" WHERE "agency_id" IS NOT NULL ON CONFLICT DO NOTHING;--> statement-breakpoint
UPDATE "identity_roles" SET "builtin" = true WHERE "code" IN ('admin', 'official');--> statement-breakpoint
UPDATE "identity_roles" SET "requires_mfa" = true WHERE "code" = 'admin';
