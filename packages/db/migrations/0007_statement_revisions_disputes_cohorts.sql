CREATE TYPE "public"."dispute_event_kind" AS ENUM('raised', 'answered');--> statement-breakpoint
CREATE TYPE "public"."dispute_resolution" AS ENUM('upheld', 'rejected');--> statement-breakpoint
CREATE TABLE "cohort_members" (
	"cohort_id" integer NOT NULL,
	"council_code" text NOT NULL,
	"child" text NOT NULL,
	"referred_on" date NOT NULL,
	CONSTRAINT "cohort_members_cohort_id_council_code_child_pk" PRIMARY KEY("cohort_id","council_code","child")
);
--> statement-breakpoint
CREATE TABLE "contract_cohorts" (
	"id" serial PRIMARY KEY NOT NULL,
	"contract_id" integer NOT NULL,
	"referred_from" date NOT NULL,
	"referred_to" date NOT NULL,
	"months" integer NOT NULL,
	"locked_by" text NOT NULL,
	"locked_at" timestamp with time zone NOT NULL,
	CONSTRAINT "contract_cohorts_months" CHECK ("contract_cohorts"."months" BETWEEN 1 AND 120)
);
--> statement-breakpoint
CREATE TABLE "dispute_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"dispute_id" integer NOT NULL,
	"kind" "dispute_event_kind" NOT NULL,
	"party" text NOT NULL,
	"author" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"message" text NOT NULL,
	"resolution" "dispute_resolution",
	CONSTRAINT "dispute_events_answer" CHECK (("dispute_events"."kind" = 'answered') = ("dispute_events"."resolution" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "statement_disputes" (
	"id" serial PRIMARY KEY NOT NULL,
	"statement_id" integer NOT NULL,
	"indicator_id" text NOT NULL,
	"raised_by" text NOT NULL,
	"raised_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
DROP INDEX "statements_contract_period";--> statement-breakpoint
ALTER TABLE "statements" ADD COLUMN "revision" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "statements" ADD COLUMN "supersedes_id" integer;--> statement-breakpoint
ALTER TABLE "statements" ADD COLUMN "reason" text;--> statement-breakpoint
ALTER TABLE "cohort_members" ADD CONSTRAINT "cohort_members_cohort_id_contract_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."contract_cohorts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_cohorts" ADD CONSTRAINT "contract_cohorts_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispute_events" ADD CONSTRAINT "dispute_events_dispute_id_statement_disputes_id_fk" FOREIGN KEY ("dispute_id") REFERENCES "public"."statement_disputes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statement_disputes" ADD CONSTRAINT "statement_disputes_statement_id_statements_id_fk" FOREIGN KEY ("statement_id") REFERENCES "public"."statements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "contract_cohorts_contract" ON "contract_cohorts" USING btree ("contract_id");--> statement-breakpoint
CREATE INDEX "dispute_events_dispute" ON "dispute_events" USING btree ("dispute_id");--> statement-breakpoint
CREATE INDEX "statement_disputes_statement" ON "statement_disputes" USING btree ("statement_id");--> statement-breakpoint
ALTER TABLE "statements" ADD CONSTRAINT "statements_supersedes_fk" FOREIGN KEY ("supersedes_id") REFERENCES "public"."statements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "statements_contract_period_revision" ON "statements" USING btree ("contract_id","period","revision");--> statement-breakpoint
CREATE UNIQUE INDEX "statements_supersedes" ON "statements" USING btree ("supersedes_id");--> statement-breakpoint
ALTER TABLE "statements" ADD CONSTRAINT "statements_revision" CHECK ("statements"."revision" >= 1 AND ("statements"."revision" = 1) = ("statements"."supersedes_id" IS NULL));--> statement-breakpoint
-- Disputes are history like statements: an answer is a new event, never an edit (0003's function).
CREATE TRIGGER "statement_disputes_immutable" BEFORE UPDATE OR DELETE ON "statement_disputes"
  FOR EACH ROW EXECUTE FUNCTION "payments_refuse_change"();--> statement-breakpoint
CREATE TRIGGER "dispute_events_immutable" BEFORE UPDATE OR DELETE ON "dispute_events"
  FOR EACH ROW EXECUTE FUNCTION "payments_refuse_change"();
--> statement-breakpoint
-- A locked cohort is history: its members are never changed (0003's function).
CREATE TRIGGER "contract_cohorts_immutable" BEFORE UPDATE OR DELETE ON "contract_cohorts"
  FOR EACH ROW EXECUTE FUNCTION "payments_refuse_change"();--> statement-breakpoint
CREATE TRIGGER "cohort_members_immutable" BEFORE UPDATE OR DELETE ON "cohort_members"
  FOR EACH ROW EXECUTE FUNCTION "payments_refuse_change"();
