/**
 * Cohorts (issue 18): the children referred to the practice, locked once, and their placement
 * stability tracked for a set number of months after referral against their own history before it.
 *
 * - Lock: the children whose first episode in the practice's accepted SSDA903 returns to the
 *   contract's council began between `referredFrom` and `referredTo` (inclusive); that episode's start
 *   is the child's referral date. One INSERT ... SELECT; the members never change.
 * - Track: every episode of a member in any accepted SSDA903 return of the council (its own and its
 *   practices', so a child who moves to another provider or leaves the practice is still followed),
 *   an episode counted once however many returns repeat it (by child and start date). A placement is
 *   in a window [s, e) when it starts before e and ends after s (dec > s, or still open: an episode
 *   ending on s is the one before the move on that day).
 * - Outcome for each member: in care in the window (at least 1 placement) and stable (1 or 2
 *   placements, i.e. not the 3 or more of placements_3plus).
 *   After: [referral, referral + months); baseline, the same children's history: [referral - months,
 *   referral). Counted in SQL over the members; rates = stable / in care.
 * The parties only (the counts are small and child-derived: the Department sees none of this yet).
 */
import { sql } from 'drizzle-orm';
import type { Viewer } from '@continuity/access';
import { cohortMembers, contractCohorts, type Database } from '@continuity/db';
import { rowsOf } from './facts';
import { ownsContractFigures } from './scope';
import { getContract, PaymentsError, type ServiceOptions } from './service';

export interface CohortRecord {
  id: number;
  contractId: number;
  referredFrom: string;
  referredTo: string;
  months: number;
  members: number;
}

export interface CohortOutcome {
  cohortId: number;
  months: number;
  members: number;
  after: { inCare: number; stable: number };
  baseline: { inCare: number; stable: number };
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/** The council of the contract locks a cohort from the practice's returns. */
export async function lockCohort(
  database: Database,
  viewer: Viewer,
  input: { contractId: number; referredFrom: string; referredTo: string; months: number },
  options: ServiceOptions = {},
): Promise<CohortRecord> {
  const contract = await getContract(database, viewer, input.contractId);
  if (!contract) throw new PaymentsError('NOT_FOUND', `No contract ${input.contractId}`);
  if (
    !(
      viewer.role === 'council' &&
      viewer.organisation.kind === 'council' &&
      viewer.organisation.id === contract.councilCode
    )
  )
    throw new PaymentsError('FORBIDDEN', 'Only the council of a contract can lock its cohort');
  if (!isoDate.test(input.referredFrom) || !isoDate.test(input.referredTo) || input.referredFrom > input.referredTo)
    throw new PaymentsError(
      'INVALID',
      'Referral dates are two ISO dates (YYYY-MM-DD), the first no later than the second',
    );
  if (!Number.isInteger(input.months) || input.months < 1 || input.months > 120)
    throw new PaymentsError('INVALID', 'A cohort is tracked for 1 to 120 months');
  const at = (options.now ?? (() => new Date()))();
  const id = await database.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(contractCohorts)
      .values({
        contractId: contract.id,
        referredFrom: input.referredFrom,
        referredTo: input.referredTo,
        months: input.months,
        lockedBy: viewer.userId,
        lockedAt: at,
      })
      .returning({ id: contractCohorts.id });
    await tx.execute(sql`
      INSERT INTO ${cohortMembers} (cohort_id, council_code, child, referred_on)
      SELECT ${row!.id}::int, e.council_code, e.child, min(e.decom)
      FROM cla903_episodes e JOIN submissions s ON s.id = e.submission_id
      WHERE s.status = 'accepted' AND s.kind = 'ssda903'
        AND s.council_code = ${contract.councilCode} AND s.practice_id = ${contract.practiceId}
      GROUP BY e.council_code, e.child
      HAVING min(e.decom) BETWEEN ${input.referredFrom}::date AND ${input.referredTo}::date`);
    return row!.id;
  });
  return (await listCohorts(database, viewer, contract.id)).find((c) => c.id === id)!;
}

export async function listCohorts(database: Database, viewer: Viewer, contractId: number): Promise<CohortRecord[]> {
  const contract = await getContract(database, viewer, contractId);
  if (!contract || !ownsContractFigures(viewer, contract)) return [];
  const rows = await database.rows<{
    id: number;
    contract_id: number;
    referred_from: string;
    referred_to: string;
    months: number;
    members: number;
  }>(sql`
    SELECT k.id, k.contract_id, k.referred_from::text AS referred_from, k.referred_to::text AS referred_to, k.months,
      (SELECT count(*)::int FROM cohort_members m WHERE m.cohort_id = k.id) AS members
    FROM contract_cohorts k WHERE k.contract_id = ${contractId} ORDER BY k.id`);
  return rows.map((r) => ({
    id: r.id,
    contractId: r.contract_id,
    referredFrom: r.referred_from,
    referredTo: r.referred_to,
    months: r.months,
    members: r.members,
  }));
}

/** The cohort's outcomes as the returns stand now; null when the viewer is not a party. */
export async function cohortOutcome(
  database: Database,
  viewer: Viewer,
  cohortId: number,
): Promise<CohortOutcome | null> {
  const [cohort] = await database.rows<{ contract_id: number; months: number }>(
    sql`SELECT contract_id, months FROM contract_cohorts WHERE id = ${cohortId}`,
  );
  if (!cohort) return null;
  const contract = await getContract(database, viewer, cohort.contract_id);
  if (!contract || !ownsContractFigures(viewer, contract)) return null;
  const [row] = await rowsOf<{
    members: number;
    after_in_care: number;
    after_stable: number;
    base_in_care: number;
    base_stable: number;
  }>(
    database.db,
    sql`
    WITH m AS (
      SELECT m.council_code, m.child, m.referred_on,
        (m.referred_on + make_interval(months => ${cohort.months}))::date AS after_end,
        (m.referred_on - make_interval(months => ${cohort.months}))::date AS base_start
      FROM cohort_members m WHERE m.cohort_id = ${cohortId}
    ),
    ep AS (
      -- each episode once, however many accepted returns of the council repeat it
      SELECT DISTINCT e.council_code, e.child, e.decom, e.dec
      FROM cla903_episodes e JOIN submissions s ON s.id = e.submission_id
      WHERE s.status = 'accepted' AND s.kind = 'ssda903' AND s.council_code = ${contract.councilCode}
        AND EXISTS (SELECT 1 FROM m WHERE m.council_code = e.council_code AND m.child = e.child)
    ),
    per AS (
      SELECT m.child,
        count(DISTINCT ep.decom) FILTER (WHERE ep.decom < m.after_end AND (ep.dec IS NULL OR ep.dec > m.referred_on)) AS after_n,
        count(DISTINCT ep.decom) FILTER (WHERE ep.decom < m.referred_on AND (ep.dec IS NULL OR ep.dec > m.base_start)) AS base_n
      FROM m LEFT JOIN ep ON ep.council_code = m.council_code AND ep.child = m.child
      GROUP BY m.child
    )
    SELECT count(*)::int AS members,
      count(*) FILTER (WHERE after_n >= 1)::int AS after_in_care, count(*) FILTER (WHERE after_n BETWEEN 1 AND 2)::int AS after_stable,
      count(*) FILTER (WHERE base_n >= 1)::int AS base_in_care, count(*) FILTER (WHERE base_n BETWEEN 1 AND 2)::int AS base_stable
    FROM per`,
  );
  return {
    cohortId,
    months: cohort.months,
    members: row!.members,
    after: { inCare: row!.after_in_care, stable: row!.after_stable },
    baseline: { inCare: row!.base_in_care, stable: row!.base_stable },
  };
}
