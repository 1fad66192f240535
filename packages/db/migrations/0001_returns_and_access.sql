CREATE TYPE "public"."return_kind" AS ENUM('ssda903', 'csww');--> statement-breakpoint
CREATE TYPE "public"."submission_status" AS ENUM('accepted', 'rejected', 'superseded');--> statement-breakpoint
CREATE TYPE "public"."organisation_kind" AS ENUM('department', 'council', 'practice');--> statement-breakpoint
CREATE TYPE "public"."role" AS ENUM('policy', 'council', 'practice', 'admin');--> statement-breakpoint
CREATE TABLE "cla903_episodes" (
	"submission_id" integer NOT NULL,
	"council_code" text NOT NULL,
	"practice_id" text,
	"child" text NOT NULL,
	"decom" date NOT NULL,
	"rne" text,
	"ls" text,
	"cin" text,
	"place" text,
	"place_provider" text,
	"dec" date,
	"rec" text,
	"reason_place_change" text,
	"urn" text
);
--> statement-breakpoint
CREATE TABLE "cla903_header" (
	"submission_id" integer NOT NULL,
	"council_code" text NOT NULL,
	"practice_id" text,
	"child" text NOT NULL,
	"sex" text,
	"dob" date,
	"ethnic" text
);
--> statement-breakpoint
CREATE TABLE "cla903_missing" (
	"submission_id" integer NOT NULL,
	"council_code" text NOT NULL,
	"practice_id" text,
	"child" text NOT NULL,
	"missing" text,
	"mis_start" date,
	"mis_end" date
);
--> statement-breakpoint
CREATE TABLE "cla903_oc2" (
	"submission_id" integer NOT NULL,
	"council_code" text NOT NULL,
	"practice_id" text,
	"child" text NOT NULL,
	"sdq_score" integer,
	"sdq_reason" text,
	"convicted" boolean,
	"health_check" boolean,
	"immunisations" boolean,
	"teeth_check" boolean,
	"health_assessment" boolean,
	"substance_misuse" boolean,
	"intervention_received" boolean,
	"intervention_offered" boolean
);
--> statement-breakpoint
CREATE TABLE "cla903_oc3" (
	"submission_id" integer NOT NULL,
	"council_code" text NOT NULL,
	"practice_id" text,
	"child" text NOT NULL,
	"dob" date,
	"in_touch" text,
	"activ" text,
	"accom" text
);
--> statement-breakpoint
CREATE TABLE "cla903_placed_adoption" (
	"submission_id" integer NOT NULL,
	"council_code" text NOT NULL,
	"practice_id" text,
	"child" text NOT NULL,
	"date_placed" date,
	"date_placed_ceased" date,
	"reason_placed_ceased" text
);
--> statement-breakpoint
CREATE TABLE "cla903_reviews" (
	"submission_id" integer NOT NULL,
	"council_code" text NOT NULL,
	"practice_id" text,
	"child" text NOT NULL,
	"review" date NOT NULL,
	"review_code" text
);
--> statement-breakpoint
CREATE TABLE "cla903_sw_episodes" (
	"submission_id" integer NOT NULL,
	"council_code" text NOT NULL,
	"practice_id" text,
	"child" text NOT NULL,
	"sw_id" text NOT NULL,
	"sw_decom" date,
	"sw_dec" date,
	"sw_reason" text
);
--> statement-breakpoint
CREATE TABLE "csww_la_level" (
	"submission_id" integer PRIMARY KEY NOT NULL,
	"council_code" text NOT NULL,
	"practice_id" text,
	"vacancies_fte" double precision,
	"agency_fte" double precision,
	"agency_headcount" double precision
);
--> statement-breakpoint
CREATE TABLE "csww_workers" (
	"submission_id" integer NOT NULL,
	"council_code" text NOT NULL,
	"practice_id" text,
	"swe_no" text NOT NULL,
	"agency_worker" boolean NOT NULL,
	"fte" double precision,
	"fte30" double precision,
	"org_role" text,
	"role_start_date" date,
	"role_end_date" date,
	"reason_leave" text,
	"cases30" integer,
	"working_days_lost" double precision,
	"abs_at_30_sept" boolean,
	"case_holder" boolean
);
--> statement-breakpoint
CREATE TABLE "submission_files" (
	"id" serial PRIMARY KEY NOT NULL,
	"submission_id" integer NOT NULL,
	"name" text NOT NULL,
	"sha256" text NOT NULL,
	"size" integer NOT NULL,
	"bytes" "bytea" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "submissions" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" "return_kind" NOT NULL,
	"council_code" text NOT NULL,
	"practice_id" text,
	"collection_year" integer NOT NULL,
	"status" "submission_status" NOT NULL,
	"submitted_by" text NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"content_hash" text NOT NULL,
	"counts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"errors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"warnings" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"superseded_by" integer
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" serial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"user_id" text NOT NULL,
	"role" text NOT NULL,
	"organisation_id" text,
	"action" text NOT NULL,
	"target" text,
	"detail" jsonb,
	"submission_id" integer
);
--> statement-breakpoint
CREATE TABLE "organisations" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" "organisation_kind" NOT NULL,
	"name" text NOT NULL,
	"subject_id" text
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"role" "role" NOT NULL,
	"organisation_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_email_unique" UNIQUE("email")
);
--> statement-breakpoint
ALTER TABLE "cla903_episodes" ADD CONSTRAINT "cla903_episodes_submission_id_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."submissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cla903_header" ADD CONSTRAINT "cla903_header_submission_id_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."submissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cla903_missing" ADD CONSTRAINT "cla903_missing_submission_id_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."submissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cla903_oc2" ADD CONSTRAINT "cla903_oc2_submission_id_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."submissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cla903_oc3" ADD CONSTRAINT "cla903_oc3_submission_id_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."submissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cla903_placed_adoption" ADD CONSTRAINT "cla903_placed_adoption_submission_id_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."submissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cla903_reviews" ADD CONSTRAINT "cla903_reviews_submission_id_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."submissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cla903_sw_episodes" ADD CONSTRAINT "cla903_sw_episodes_submission_id_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."submissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "csww_la_level" ADD CONSTRAINT "csww_la_level_submission_id_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."submissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "csww_workers" ADD CONSTRAINT "csww_workers_submission_id_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."submissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submission_files" ADD CONSTRAINT "submission_files_submission_id_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."submissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_council_code_councils_code_fk" FOREIGN KEY ("council_code") REFERENCES "public"."councils"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cla903_episodes_child" ON "cla903_episodes" USING btree ("submission_id","child","decom");--> statement-breakpoint
CREATE UNIQUE INDEX "cla903_header_child" ON "cla903_header" USING btree ("submission_id","child");--> statement-breakpoint
CREATE INDEX "cla903_missing_sub" ON "cla903_missing" USING btree ("submission_id");--> statement-breakpoint
CREATE INDEX "cla903_oc2_sub" ON "cla903_oc2" USING btree ("submission_id");--> statement-breakpoint
CREATE INDEX "cla903_oc3_sub" ON "cla903_oc3" USING btree ("submission_id");--> statement-breakpoint
CREATE INDEX "cla903_placed_adoption_sub" ON "cla903_placed_adoption" USING btree ("submission_id");--> statement-breakpoint
CREATE INDEX "cla903_reviews_sub" ON "cla903_reviews" USING btree ("submission_id");--> statement-breakpoint
CREATE INDEX "cla903_sw_episodes_sub" ON "cla903_sw_episodes" USING btree ("submission_id","child");--> statement-breakpoint
CREATE INDEX "csww_workers_sub" ON "csww_workers" USING btree ("submission_id");--> statement-breakpoint
CREATE INDEX "submissions_return" ON "submissions" USING btree ("kind","council_code","practice_id","collection_year");--> statement-breakpoint
CREATE INDEX "submissions_hash" ON "submissions" USING btree ("content_hash");--> statement-breakpoint
CREATE INDEX "audit_log_at" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "audit_log_user" ON "audit_log" USING btree ("user_id");