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
ALTER TABLE "cohort_members" ADD CONSTRAINT "cohort_members_cohort_id_contract_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."contract_cohorts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_cohorts" ADD CONSTRAINT "contract_cohorts_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "contract_cohorts_contract" ON "contract_cohorts" USING btree ("contract_id");--> statement-breakpoint
-- A locked cohort is history: its members are never changed (0003's function).
CREATE TRIGGER "contract_cohorts_immutable" BEFORE UPDATE OR DELETE ON "contract_cohorts"
  FOR EACH ROW EXECUTE FUNCTION "payments_refuse_change"();--> statement-breakpoint
CREATE TRIGGER "cohort_members_immutable" BEFORE UPDATE OR DELETE ON "cohort_members"
  FOR EACH ROW EXECUTE FUNCTION "payments_refuse_change"();
