import type { CswwParseResult } from './csww/parse-xml';
import type { CswwModel } from './csww/model';
import { cswwRules, CswwContext } from './csww/rules';
import type { Issue } from './issues';
import type { Ssda903ParseResult } from './ssda903/parse';
import { countRows, type Ssda903Model } from './ssda903/tables';
import { Ssda903Context } from './validation/context';
import { runRules } from './validation/registry';
import { ssda903Rules } from './validation/rules';
import { tablesPresentRule } from './validation/rules/tables-present';

export interface ValidationResult {
  /** False when there is any error: the whole return is rejected. */
  accepted: boolean;
  errors: Issue[];
  warnings: Issue[];
  /** Rows read per table (903) or per record kind (census), and issues per rule code. */
  counts: { rows: Record<string, number>; errorsByRule: Record<string, number>; warningsByRule: Record<string, number> };
}

export interface ValidateOptions {
  /** The year the collection ends: 903 year to 31 March 2025 -> 2025; census at 30 September 2024 -> 2024. */
  collectionYear: number;
  /** The council the return is loaded for (DfE 3-digit code). The census names its council (LEA) and must match. */
  councilCode?: string;
}

function summarise(issues: Issue[], rows: Record<string, number>): ValidationResult {
  const errors = issues.filter((i) => i.severity === 'error');
  const warnings = issues.filter((i) => i.severity === 'warning');
  const tally = (list: Issue[]) => {
    const t: Record<string, number> = {};
    for (const i of list) t[i.rule] = (t[i.rule] ?? 0) + 1;
    return t;
  };
  return { accepted: errors.length === 0, errors, warnings, counts: { rows, errorsByRule: tally(errors), warningsByRule: tally(warnings) } };
}

/** Runs every SSDA903 rule that applies in the collection year. */
export function validateSsda903(model: Ssda903Model, { collectionYear }: ValidateOptions): ValidationResult {
  const ctx = new Ssda903Context(model, collectionYear);
  const issues = runRules([tablesPresentRule, ...ssda903Rules], ctx);
  return summarise(issues, countRows(model));
}

/** Runs every workforce census rule for the census year. */
export function validateCsww(model: CswwModel, { collectionYear, councilCode }: ValidateOptions): ValidationResult {
  const issues = runRules(cswwRules, new CswwContext(model, collectionYear, councilCode));
  return summarise(issues, { workers: model.workers.length, laLevel: model.laLevel ? 1 : 0 });
}

/**
 * Validates a parsed return of either kind, folding in the problems found while reading. Any error (reading
 * or rules) rejects the return whole; warnings do not.
 */
export function validateReturn(parsed: Ssda903ParseResult | CswwParseResult, options: ValidateOptions): ValidationResult {
  const result = parsed.kind === 'ssda903' ? validateSsda903(parsed.model, options) : validateCsww(parsed.model, options);
  if (parsed.issues.length === 0) return result;
  const all = [...parsed.issues, ...result.errors, ...result.warnings];
  return summarise(all, result.counts.rows);
}
