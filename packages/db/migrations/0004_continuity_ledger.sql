CREATE TABLE "continuity_changes" (
	"subject_kind" text NOT NULL,
	"subject_id" text NOT NULL,
	"period" integer NOT NULL,
	"reason" text NOT NULL,
	"outcome" text NOT NULL,
	"changes" integer NOT NULL,
	"council_code" text NOT NULL,
	"submission_id" integer NOT NULL,
	CONSTRAINT "continuity_changes_subject_kind_subject_id_period_reason_outcome_pk" PRIMARY KEY("subject_kind","subject_id","period","reason","outcome")
);
--> statement-breakpoint
CREATE TABLE "continuity_survival" (
	"subject_kind" text NOT NULL,
	"subject_id" text NOT NULL,
	"period" integer NOT NULL,
	"day" integer NOT NULL,
	"entered" integer NOT NULL,
	"events" integer NOT NULL,
	"censored" integer NOT NULL,
	"council_code" text NOT NULL,
	"submission_id" integer NOT NULL,
	CONSTRAINT "continuity_survival_subject_kind_subject_id_period_day_pk" PRIMARY KEY("subject_kind","subject_id","period","day")
);
--> statement-breakpoint
CREATE INDEX "continuity_changes_council" ON "continuity_changes" USING btree ("council_code","period");--> statement-breakpoint
CREATE INDEX "continuity_survival_council" ON "continuity_survival" USING btree ("council_code","period");