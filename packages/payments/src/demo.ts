/**
 * Demo contracts for `npm start`: without them the Payments page is empty until a council user writes
 * terms. For every demo pair (a pilot council that has not withdrawn, and a practice serving it that is
 * open in the demo years: the pairs `seedDemoReturns` in @continuity/returns generates returns for) this
 * creates one contract through `createContract`, as the council, so the same validation and version-1
 * rules apply. With `issuePastYears` (the gateway's demo, issue 18) the new contracts' past years, every
 * contract year but the last, are issued through `issueStatement` too, so the Payments page shows a
 * history from the first start and leaves the last year for the council to preview and issue.
 */
import { sql } from 'drizzle-orm';
import type { Viewer } from '@continuity/access';
import type { Database } from '@continuity/db';
import { createContract, issueStatement, type ServiceOptions } from './service';
import type { Terms } from './terms';

/** The same author as the demo returns, so everything generated at start-up is recognisable as such. */
export const DEMO_CONTRACT_AUTHOR = 'demo-generator';

/** The indicator that sizes the demo years, as `seedDemoReturns` does (its SIZE_INDICATORS.children). */
const YEARS_INDICATOR = 'placements_3plus';

export interface SeedDemoContractsOptions {
  /**
   * The demo years: the first is the improvement baseline, the contracts cover the rest. Default: the last three years with published
   * children-looked-after figures, the demo returns' default; pass `seedDemoReturns`' `years` to match it.
   */
  years?: readonly number[];
  /** The clock for `createdAt` (tests pass a fixed one). */
  now?: ServiceOptions['now'];
  /** Also issue the new contracts' statements for every year but the last (default no). */
  issuePastYears?: boolean;
}

export interface SeedDemoContractsSummary {
  /** Contracts created now. */
  created: number;
  /** Demo pairs left alone because they already hold a contract (seeded earlier or made by a user). */
  skipped: number;
  /** Statements issued for past years (with `issuePastYears` only). */
  issued?: number;
}

/**
 * The demo terms of a contract between `councilCode` and one of its practices. The amounts are demo
 * terms, not figures from any real contract: a fixed fee of £400,000 and an outcome-linked pot of
 * £100,000 a year. Only indicators the demo returns compute for practices, one of each target type:
 * - placements_3plus (lower is better): 1 percentage point below the practice's own figure in the
 *   first demo year; linear down to 2 points above it (worse), where it earns nothing;
 * - social_workers_3plus (lower is better): at or better than the statistical neighbours' pooled
 *   figure; linear to 5 points worse. DfE has published it for few years (2024 only in the data held),
 *   so where neighbours have no figure it is left out and the pot reweighted, rather than unpaid;
 * - health_assessments: at least 90%, linear from 80%;
 * - immunisations: the better half of the statistical neighbours (quartile 2), linear down to the
 *   worst neighbour (quartile 4). Review participation would suit too but is not published, so has no
 *   neighbour figures;
 * - long_term_stability: at or better than the council's own published figure (a comparison group of
 *   the council itself, the in-house service the practice replaces), all or nothing.
 * Any other missing figure (e.g. a practice return not sent) is treated as not met: the practice
 * answers for its own data.
 */
export function demoContractTerms(councilCode: string, baselineYear: number): Terms {
  return {
    fixedFeePence: 40_000_000,
    outcomePotPence: 10_000_000,
    missingData: 'treat_as_not_met',
    indicators: [
      {
        indicatorId: 'placements_3plus',
        weight: 3,
        target: { type: 'improvement', baselinePeriod: baselineYear, by: 1, unit: 'points' },
        partial: { type: 'linear', floor: -2 },
      },
      {
        indicatorId: 'social_workers_3plus',
        weight: 2,
        target: { type: 'neighbours', position: 'at_or_better_than_average', margin: 0 },
        partial: { type: 'linear', floor: -5 },
        missingData: 'exclude_and_reweight',
      },
      {
        indicatorId: 'health_assessments',
        weight: 2,
        target: { type: 'absolute', level: 90 },
        partial: { type: 'linear', floor: 80 },
      },
      {
        indicatorId: 'immunisations',
        weight: 1,
        target: { type: 'neighbours', position: 'quartile', quartile: 2 },
        partial: { type: 'linear', floor: 4 },
      },
      {
        indicatorId: 'long_term_stability',
        weight: 2,
        target: { type: 'comparison', councils: [councilCode], position: 'at_or_better_than_average', margin: 0 },
        partial: { type: 'all_or_nothing' },
      },
    ],
  };
}

interface DemoPair {
  council_code: string;
  practice_id: string;
  practice_name: string;
  has_contract: boolean;
}

/** The last three years with published children-looked-after figures (as `publishedYears` in returns). */
async function defaultYears(database: Database): Promise<number[]> {
  const rows = await database.rows<{ period: number }>(sql`
    SELECT DISTINCT period FROM indicator_values
    WHERE source = 'published' AND indicator_id = ${YEARS_INDICATOR} AND subject_kind = 'council' AND denominator IS NOT NULL
    ORDER BY period DESC LIMIT 3`);
  return rows.map((r) => Number(r.period)).sort((a, b) => a - b);
}

/**
 * Creates one demo contract per demo pair that has none; safe to call at every start. A pair holding
 * any contract (seeded before, or made by a user) is left alone, so a restart creates nothing and a
 * user's contract is never touched. Throws if the database fails or the terms are refused.
 */
export async function seedDemoContracts(
  database: Database,
  options: SeedDemoContractsOptions = {},
): Promise<SeedDemoContractsSummary> {
  const years = options.years ? [...options.years] : await defaultYears(database);
  if (years.length === 0) return { created: 0, skipped: 0 };
  const first = Math.min(...years);
  const last = Math.max(...years);
  // The first demo year is the improvement baseline, so the contract starts the year after it (a
  // contract year measured against itself would only ever show the practice matching its own figure).
  const start = years.length > 1 ? Math.min(...years.filter((y) => y > first)) : first;
  // The pairs of demoCouncils (packages/returns/src/demo/seed-demo-returns.ts), copied rather than
  // imported so payments does not depend on returns: a practice counts if it had not ended before the
  // first demo year began (1 April of the year before).
  const pairs = await database.rows<DemoPair>(sql`
    SELECT pc.council_code, pc.practice_id, p.name AS practice_name,
      EXISTS (SELECT 1 FROM contracts c WHERE c.council_code = pc.council_code AND c.practice_id = pc.practice_id) AS has_contract
    FROM practice_councils pc
      JOIN practices p ON p.id = pc.practice_id
    WHERE EXISTS (SELECT 1 FROM pilot_councils w WHERE w.council_code = pc.council_code AND w.withdrew IS NULL)
      AND (p.ended IS NULL OR p.ended > make_date(${first - 1}, 4, 1))
    ORDER BY pc.council_code, pc.practice_id`);

  const summary: SeedDemoContractsSummary = options.issuePastYears
    ? { created: 0, skipped: 0, issued: 0 }
    : { created: 0, skipped: 0 };
  for (const pair of pairs) {
    if (pair.has_contract) {
      summary.skipped++;
      continue;
    }
    const council: Viewer = {
      userId: DEMO_CONTRACT_AUTHOR,
      name: 'Demo generator',
      role: 'council',
      organisation: { kind: 'council', id: pair.council_code },
    };
    const contract = await createContract(
      database,
      council,
      {
        practiceId: pair.practice_id,
        name: `Demo outcomes contract, ${pair.practice_name}`,
        periodStart: start,
        periodEnd: last,
        terms: demoContractTerms(pair.council_code, first),
        note: 'Demo terms generated at first start, not a real contract: amend them, or preview and issue statements, as the council.',
      },
      options.now ? { now: options.now } : {},
    );
    summary.created++;
    if (!options.issuePastYears) continue;
    for (let period = start; period < last; period++) {
      await issueStatement(
        database,
        council,
        { contractId: contract.id, period },
        options.now ? { now: options.now } : {},
      );
      summary.issued!++;
    }
  }
  return summary;
}
