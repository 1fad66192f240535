import type { CswwParseResult } from './csww/parse-xml';
import type { CswwModel } from './csww/model';
import { cswwRules, CswwContext } from './csww/rules';
import { IssueTally, type IssueLimits } from './issue-caps';
import type { Issue } from './issues';
import type { Ssda903ParseResult } from './ssda903/parse';
import { countRows, type Ssda903Model } from './ssda903/tables';
import { Ssda903Context } from './validation/context';
import { runRulesInto } from './validation/registry';
import { ssda903Rules } from './validation/rules';
import { tablesPresentRule } from './validation/rules/tables-present';

export interface ValidationResult {
  /** False when there is any error: the whole return is rejected. */
  accepted: boolean;
  /** The errors, capped by `limits` (see issue-caps.ts: a rule cut short ends with a summary issue, `more`). */
  errors: Issue[];
  warnings: Issue[];
  /**
   * Rows read per table (903) or per record kind (census), and issues per rule code: every finding, listed
   * or not.
   */
  counts: {
    rows: Record<string, number>;
    errorsByRule: Record<string, number>;
    warningsByRule: Record<string, number>;
  };
}

export interface ValidateOptions {
  /** The year the collection ends: 903 year to 31 March 2025 -> 2025; census at 30 September 2024 -> 2024. */
  collectionYear: number;
  /** The council the return is loaded for (DfE 3-digit code). The census names its council (LEA) and must match. */
  councilCode?: string;
  /** Issue caps (issue-caps.ts); default none, every finding listed. Imports pass DEFAULT_ISSUE_LIMITS. */
  limits?: Readonly<IssueLimits>;
}

function summarise(tally: IssueTally, rows: Record<string, number>): ValidationResult {
  const { errors, warnings } = tally.lists();
  return {
    accepted: tally.total('error') === 0,
    errors,
    warnings,
    counts: { rows, errorsByRule: tally.byRule('error'), warningsByRule: tally.byRule('warning') },
  };
}

function ssda903Issues(model: Ssda903Model, collectionYear: number, tally: IssueTally): void {
  runRulesInto([tablesPresentRule, ...ssda903Rules], new Ssda903Context(model, collectionYear), (i) => tally.add(i));
}

function cswwIssues(model: CswwModel, { collectionYear, councilCode }: ValidateOptions, tally: IssueTally): void {
  runRulesInto(cswwRules, new CswwContext(model, collectionYear, councilCode), (i) => tally.add(i));
}

const cswwRows = (model: CswwModel) => ({ workers: model.workers.length, laLevel: model.laLevel ? 1 : 0 });

/** Runs every SSDA903 rule that applies in the collection year. */
export function validateSsda903(model: Ssda903Model, options: ValidateOptions): ValidationResult {
  const tally = new IssueTally(options.limits);
  ssda903Issues(model, options.collectionYear, tally);
  return summarise(tally, countRows(model));
}

/** Runs every workforce census rule for the census year. */
export function validateCsww(model: CswwModel, options: ValidateOptions): ValidationResult {
  const tally = new IssueTally(options.limits);
  cswwIssues(model, options, tally);
  return summarise(tally, cswwRows(model));
}

/**
 * Validates a parsed return of either kind, folding in the problems found while reading. Any error (reading
 * or rules) rejects the return whole; warnings do not.
 */
export function validateReturn(
  parsed: Ssda903ParseResult | CswwParseResult,
  options: ValidateOptions,
): ValidationResult {
  const tally = new IssueTally(options.limits);
  tally.addAll(parsed.issues);
  if (parsed.kind === 'ssda903') {
    ssda903Issues(parsed.model, options.collectionYear, tally);
    return summarise(tally, countRows(parsed.model));
  }
  cswwIssues(parsed.model, options, tally);
  return summarise(tally, cswwRows(parsed.model));
}
