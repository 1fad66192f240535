CREATE TYPE "public"."practice_model" AS ENUM('partnership', 'third_sector', 'private_company');--> statement-breakpoint
CREATE TYPE "public"."indicator_unit" AS ENUM('percent', 'ratio', 'rate', 'count', 'score');--> statement-breakpoint
CREATE TYPE "public"."outcome_area" AS ENUM('stability', 'healthy', 'safe', 'enjoying', 'contribution', 'economic', 'workforce');--> statement-breakpoint
CREATE TYPE "public"."polarity" AS ENUM('higher_better', 'lower_better', 'neutral');--> statement-breakpoint
CREATE TYPE "public"."subject_kind" AS ENUM('england', 'region', 'council', 'practice');--> statement-breakpoint
CREATE TYPE "public"."value_source" AS ENUM('published', 'computed');--> statement-breakpoint
CREATE TABLE "councils" (
	"code" text PRIMARY KEY NOT NULL,
	"ons_code" text NOT NULL,
	"name" text NOT NULL,
	"region_code" text NOT NULL,
	"first_period" integer,
	"last_period" integer,
	CONSTRAINT "councils_ons_code_unique" UNIQUE("ons_code")
);
--> statement-breakpoint
CREATE TABLE "pilot_councils" (
	"wave" integer NOT NULL,
	"council_code" text NOT NULL,
	"withdrew" date,
	"note" text,
	CONSTRAINT "pilot_councils_wave_council_code_pk" PRIMARY KEY("wave","council_code")
);
--> statement-breakpoint
CREATE TABLE "pilot_waves" (
	"wave" integer PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"start_year" integer NOT NULL,
	"description" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "practice_councils" (
	"practice_id" text NOT NULL,
	"council_code" text NOT NULL,
	CONSTRAINT "practice_councils_practice_id_council_code_pk" PRIMARY KEY("practice_id","council_code")
);
--> statement-breakpoint
CREATE TABLE "practices" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"model" "practice_model",
	"wave" integer,
	"started" date,
	"ended" date,
	"pseudonym" text NOT NULL,
	CONSTRAINT "practices_pseudonym_unique" UNIQUE("pseudonym")
);
--> statement-breakpoint
CREATE TABLE "regions" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "statistical_neighbours" (
	"council_code" text NOT NULL,
	"neighbour_code" text NOT NULL,
	"position" integer NOT NULL,
	"closeness" text,
	"model" text NOT NULL,
	CONSTRAINT "statistical_neighbours_council_code_model_position_pk" PRIMARY KEY("council_code","model","position")
);
--> statement-breakpoint
CREATE TABLE "indicator_values" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"indicator_id" text NOT NULL,
	"subject_kind" "subject_kind" NOT NULL,
	"subject_id" text NOT NULL,
	"period" integer NOT NULL,
	"source" "value_source" NOT NULL,
	"numerator" double precision,
	"denominator" double precision,
	"value" double precision,
	"symbol" text,
	"numerator_symbol" text,
	"denominator_symbol" text,
	"submission_id" integer,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "indicators" (
	"id" text PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"area" "outcome_area" NOT NULL,
	"unit" "indicator_unit" NOT NULL,
	"polarity" "polarity" NOT NULL,
	"numerator" text NOT NULL,
	"denominator" text NOT NULL,
	"source" text NOT NULL,
	"method" text NOT NULL,
	"period_type" text NOT NULL,
	"decimals" integer DEFAULT 0 NOT NULL,
	"scale" double precision DEFAULT 100 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "councils" ADD CONSTRAINT "councils_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pilot_councils" ADD CONSTRAINT "pilot_councils_wave_pilot_waves_wave_fk" FOREIGN KEY ("wave") REFERENCES "public"."pilot_waves"("wave") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pilot_councils" ADD CONSTRAINT "pilot_councils_council_code_councils_code_fk" FOREIGN KEY ("council_code") REFERENCES "public"."councils"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_councils" ADD CONSTRAINT "practice_councils_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_councils" ADD CONSTRAINT "practice_councils_council_code_councils_code_fk" FOREIGN KEY ("council_code") REFERENCES "public"."councils"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practices" ADD CONSTRAINT "practices_wave_pilot_waves_wave_fk" FOREIGN KEY ("wave") REFERENCES "public"."pilot_waves"("wave") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statistical_neighbours" ADD CONSTRAINT "statistical_neighbours_council_code_councils_code_fk" FOREIGN KEY ("council_code") REFERENCES "public"."councils"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statistical_neighbours" ADD CONSTRAINT "statistical_neighbours_neighbour_code_councils_code_fk" FOREIGN KEY ("neighbour_code") REFERENCES "public"."councils"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_values" ADD CONSTRAINT "indicator_values_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "indicator_values_key" ON "indicator_values" USING btree ("indicator_id","subject_kind","subject_id","period","source");--> statement-breakpoint
CREATE INDEX "indicator_values_read" ON "indicator_values" USING btree ("indicator_id","period","subject_kind");