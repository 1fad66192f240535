CREATE TYPE "public"."statement_status" AS ENUM('issued');--> statement-breakpoint
CREATE TABLE "contract_versions" (
	"contract_id" integer NOT NULL,
	"version" integer NOT NULL,
	"terms" jsonb NOT NULL,
	"note" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contract_versions_contract_id_version_pk" PRIMARY KEY("contract_id","version"),
	CONSTRAINT "contract_versions_version" CHECK ("contract_versions"."version" >= 1)
);
--> statement-breakpoint
CREATE TABLE "contracts" (
	"id" serial PRIMARY KEY NOT NULL,
	"council_code" text NOT NULL,
	"practice_id" text NOT NULL,
	"name" text NOT NULL,
	"period_start" integer NOT NULL,
	"period_end" integer NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contracts_period" CHECK ("contracts"."period_start" <= "contracts"."period_end")
);
--> statement-breakpoint
CREATE TABLE "statements" (
	"id" serial PRIMARY KEY NOT NULL,
	"contract_id" integer NOT NULL,
	"version" integer NOT NULL,
	"period" integer NOT NULL,
	"status" "statement_status" DEFAULT 'issued' NOT NULL,
	"issued_by" text NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"fixed_pence" bigint NOT NULL,
	"earned_pence" bigint NOT NULL,
	"total_pence" bigint NOT NULL,
	"document" text NOT NULL,
	"sha256" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "contract_versions" ADD CONSTRAINT "contract_versions_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_council_code_councils_code_fk" FOREIGN KEY ("council_code") REFERENCES "public"."councils"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statements" ADD CONSTRAINT "statements_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statements" ADD CONSTRAINT "statements_contract_version_fk" FOREIGN KEY ("contract_id","version") REFERENCES "public"."contract_versions"("contract_id","version") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "contracts_council" ON "contracts" USING btree ("council_code");--> statement-breakpoint
CREATE INDEX "contracts_practice" ON "contracts" USING btree ("practice_id");--> statement-breakpoint
CREATE UNIQUE INDEX "statements_contract_period" ON "statements" USING btree ("contract_id","period");