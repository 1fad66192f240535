import type { Issue, Origin, Severity } from '../issues';

/** What a rule reports: the row it is about, the column, the value, and optionally a specific detail. */
export interface Finding {
  at: { origin: Origin; CHILD?: string };
  column: string;
  /** The value as written; for typed fields pass the raw text (see `rawValue`). */
  value: string | number | null | undefined;
  /** Appended to the rule's message: the specifics of this case, in plain words. */
  detail?: string;
}

/**
 * One validation rule. `code` is DfE's rule code from spec/ssda903_validation_rules_2024_25.csv where one
 * exists ('103', 'SW13STG1', 'INT03'); our own checks are prefixed 'CONT-' (903) or 'CSWW-' (workforce).
 */
export interface Rule<Ctx extends { year: number }> {
  code: string;
  severity: Severity;
  /** DfE table names read, e.g. ['Episodes', 'Header']. */
  tables: readonly string[];
  /** DfE column names read. */
  fields: readonly string[];
  /** Plain English, for a data officer. */
  message: string;
  /** Collection years (year ending) the rule applies to, inclusive; open ends when absent. */
  years?: { from?: number; to?: number };
  check(ctx: Ctx): Iterable<Finding>;
}

export function appliesIn(rule: { years?: { from?: number; to?: number } }, year: number): boolean {
  return (rule.years?.from ?? -Infinity) <= year && year <= (rule.years?.to ?? Infinity);
}

/** Runs the rules that apply in `ctx.year`, turning findings into issues with file, row, column and message. */
export function runRules<Ctx extends { year: number }>(rules: readonly Rule<Ctx>[], ctx: Ctx): Issue[] {
  const issues: Issue[] = [];
  runRulesInto(rules, ctx, (issue) => issues.push(issue));
  return issues;
}

/** As runRules, handing each issue to `add` as it is found (an IssueTally keeps memory bounded). */
export function runRulesInto<Ctx extends { year: number }>(
  rules: readonly Rule<Ctx>[],
  ctx: Ctx,
  add: (issue: Issue) => void,
): void {
  for (const rule of rules) {
    if (!appliesIn(rule, ctx.year)) continue;
    for (const f of rule.check(ctx)) {
      const issue: Issue = {
        file: f.at.origin.file,
        row: f.at.origin.row,
        column: f.column,
        rule: rule.code,
        severity: rule.severity,
        message: f.detail ? `${rule.message} ${f.detail}` : rule.message,
        value: f.value === null || f.value === undefined ? '' : String(f.value),
      };
      if (f.at.CHILD) issue.child = f.at.CHILD;
      if (f.at.origin.path) issue.path = f.at.origin.path;
      add(issue);
    }
  }
}

/** The text as written for a field: the raw text if it failed to convert, else the stored value. */
export function rawValue(row: { invalid?: Record<string, string> }, column: string): string {
  const invalid = row.invalid?.[column];
  if (invalid !== undefined) return invalid;
  const v = (row as unknown as Record<string, unknown>)[column];
  return v === null || v === undefined ? '' : String(v);
}
