-- Payment by results: contract versions and issued statements are history. A change of terms
-- inserts a new version; a statement, once issued, is never altered. Refuse UPDATE and DELETE on
-- both tables so no code path (or hand-written SQL) can rewrite them.
CREATE FUNCTION "payments_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% rows are immutable: insert a new row instead', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
END
$$;--> statement-breakpoint
CREATE TRIGGER "contract_versions_immutable" BEFORE UPDATE OR DELETE ON "contract_versions"
  FOR EACH ROW EXECUTE FUNCTION "payments_refuse_change"();--> statement-breakpoint
CREATE TRIGGER "statements_immutable" BEFORE UPDATE OR DELETE ON "statements"
  FOR EACH ROW EXECUTE FUNCTION "payments_refuse_change"();
