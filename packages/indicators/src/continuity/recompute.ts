import { sql } from 'drizzle-orm';
import { aggregates, AGGREGATE_SUBJECTS } from '../compute/aggregate';
import { resolveScope, subjectsOf, writeComputed, type Executor, type Scope } from '../compute/scope';
import { CONTINUITY_INDICATORS } from './catalogue';
import { changesCte, ledgerCtes, ledgerIndicators, spellsCte } from './ledger';

/**
 * Which 903 years a recompute of `scope` touches in the ledger. A 903 return feeds its own year (and
 * the next year's SW16 reconciliation, inside the 903 scope's range already). A census for year C
 * (30 September C) is read by 903 years C-1 to C+1 (census years Y-1..Y+1 around 903 year Y). A bulk
 * census recompute needs nothing: recomputeAll runs the 903 kind, which reads every census, first.
 */
function ledgerScope(scope: Scope): Scope | null {
  if (scope.kind === 'ssda903') return scope;
  if (scope.councilCode === null) return null;
  return { kind: 'ssda903', councilCode: scope.councilCode, fromYear: scope.fromYear - 1, toYear: scope.toYear + 1 };
}

/**
 * Recomputes the continuity ledger for the councils and years a recompute of `scope` covers: its
 * indicator_values rows (council and practice, then England and regions pooled from council rows),
 * the survival life table and the changes by reason and outcome. Called by the indicators' recompute
 * after each kind's own families, inside its transaction.
 */
export async function recomputeContinuity(db: Executor, unresolved: Scope): Promise<void> {
  const target = ledgerScope(unresolved);
  if (!target) return;
  const scope = await resolveScope(db, { kind: target.kind, councilCode: target.councilCode, fromYear: target.fromYear, toYear: target.toYear });
  const range = { fromYear: scope.fromYear, toYear: scope.toYear };
  await writeComputed(db, { ctes: ledgerIndicators(scope), ids: CONTINUITY_INDICATORS, ...range, subjects: subjectsOf(scope) });

  const owned = sql`d.period BETWEEN ${scope.fromYear} AND ${scope.toYear} AND ${subjectsOf(scope)}`;
  await db.execute(sql`DELETE FROM continuity_survival d WHERE ${owned}`);
  await db.execute(sql`WITH ${ledgerCtes(scope)}, ${spellsCte()},
    kept AS (SELECT * FROM ledger_spells WHERE exit > entry),
    marks AS (
      SELECT subject_kind, subject_id, period, council_code, submission_id, entry AS day, 1 AS entered, 0 AS events, 0 AS censored FROM kept
      UNION ALL
      SELECT subject_kind, subject_id, period, council_code, submission_id, exit, 0, CASE WHEN event THEN 1 ELSE 0 END,
        CASE WHEN event THEN 0 ELSE 1 END FROM kept
    )
    INSERT INTO continuity_survival (subject_kind, subject_id, period, day, entered, events, censored, council_code, submission_id)
    SELECT subject_kind, subject_id, period, day, sum(entered), sum(events), sum(censored), min(council_code), max(submission_id)
    FROM marks GROUP BY subject_kind, subject_id, period, day`);

  await db.execute(sql`DELETE FROM continuity_changes d WHERE ${owned}`);
  await db.execute(sql`WITH ${ledgerCtes(scope)}, ${changesCte()}
    INSERT INTO continuity_changes (subject_kind, subject_id, period, reason, outcome, changes, council_code, submission_id)
    SELECT src.subject_kind, src.subject_id, src.period, x.reason, x.outcome, count(*), min(src.council_code), max(src.submission_id)
    FROM ledger_changes x JOIN src USING (submission_id)
    GROUP BY src.subject_kind, src.subject_id, src.period, x.reason, x.outcome`);

  // Concurrent imports re-pool England: serialised as in the indicators' recompute.
  await db.execute(sql`SELECT pg_advisory_xact_lock(hashtext('continuity.computed_aggregates'))`);
  const ctes = aggregates(CONTINUITY_INDICATORS, scope.fromYear, scope.toYear);
  await writeComputed(db, { ctes, ids: CONTINUITY_INDICATORS, ...range, subjects: AGGREGATE_SUBJECTS });
}
