import { sql } from 'drizzle-orm';
import { aggregates, AGGREGATE_SUBJECTS } from '../compute/aggregate';
import { idList, resolveScope, subjectsOf, writeComputed, type Executor, type Scope } from '../compute/scope';
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
  const scope = await resolveScope(db, {
    kind: target.kind,
    councilCode: target.councilCode,
    fromYear: target.fromYear,
    toYear: target.toYear,
  });
  const range = { fromYear: scope.fromYear, toYear: scope.toYear };
  // No nested loops in the ledger's statements: they join aggregates of CTEs, which the planner
  // estimates at one row each, so it chose nested loops that re-ran an aggregate for every child
  // (measured: 21 s instead of 0.2 s for two years of a 2,000-child council on PGlite). Every join here
  // is an equi-join a hash join does in one pass. Local to the transaction, and put back below.
  await db.execute(sql`SELECT set_config('continuity.nestloop', current_setting('enable_nestloop'), true),
    set_config('enable_nestloop', 'off', true)`);
  await writeComputed(db, {
    ctes: ledgerIndicators(scope),
    ids: CONTINUITY_INDICATORS,
    ...range,
    subjects: subjectsOf(scope),
  });

  await warnYearOnYear(db, scope);

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

  await db.execute(sql`SELECT set_config('enable_nestloop', current_setting('continuity.nestloop'), true)`);

  // Concurrent imports re-pool England: serialised as in the indicators' recompute.
  await db.execute(sql`SELECT pg_advisory_xact_lock(hashtext('continuity.computed_aggregates'))`);
  const ctes = aggregates(CONTINUITY_INDICATORS, scope.fromYear, scope.toYear);
  await writeComputed(db, { ctes, ids: CONTINUITY_INDICATORS, ...range, subjects: AGGREGATE_SUBJECTS });
}

/** Our own rule code for the SW16-style reconciliation between consecutive 903 returns. */
export const YEAR_ON_YEAR_RULE = 'CONT-SW16';

/**
 * The year-on-year reconciliation as a warning on the later return: each accepted 903 submission in
 * scope gets (or loses) one warning saying how many children's first social worker episode does not
 * match the episode open at 31 March in the same council's (or practice's) return for the year before
 * (sw_year_on_year_mismatch, just written). Earlier warnings of this rule are replaced, so recomputes
 * do not pile them up. A practice's figure pools its returns: it is put on its latest submission.
 */
async function warnYearOnYear(db: Executor, scope: Scope): Promise<void> {
  const ids = scope.resolved?.submissionIds ?? null;
  const who = ids === null ? sql`true` : ids.length ? sql`s.id IN (${idList(ids)})` : sql`false`;
  await db.execute(sql`UPDATE submissions s SET warnings =
      (SELECT coalesce(jsonb_agg(w), '[]'::jsonb) FROM jsonb_array_elements(s.warnings) w WHERE w->>'rule' IS DISTINCT FROM ${YEAR_ON_YEAR_RULE}::text)
      || coalesce((SELECT jsonb_build_array(jsonb_build_object('file', '', 'row', 0, 'column', 'SW_ID', 'rule', ${YEAR_ON_YEAR_RULE}::text,
          'severity', 'warning', 'value', '',
          'message', format('%s of %s children with a social worker episode open at 31 March last year start this year with a different worker (SW_ID) or start date (SW_DECOM) (DfE rules SW16a/SW16b).',
            iv.numerator::int, iv.denominator::int)))
        FROM indicator_values iv
        WHERE iv.source = 'computed' AND iv.indicator_id = 'sw_year_on_year_mismatch' AND iv.submission_id = s.id AND iv.numerator > 0
        LIMIT 1), '[]'::jsonb)
    WHERE s.kind = 'ssda903' AND s.status = 'accepted' AND s.collection_year BETWEEN ${scope.fromYear} AND ${scope.toYear} AND ${who}`);
}
