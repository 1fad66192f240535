/**
 * Issue caps (issue 11, item 8): a file of 20,000 bad rows gave 100,000 issues, all stored and all sent back
 * (24.5 MB from an 840 KB file; files may be 200 MB). An import lists at most `perRule` issues of each rule
 * and `perReturn` in all, and for each rule cut short one summary issue saying how many more there were
 * (`more`). Each entry of a list stands for `more ?? 1` findings, so the totals are kept exactly.
 *
 * The one place the caps are set: DEFAULT_ISSUE_LIMITS here, which the gateway's env.ts overrides from
 * RETURNS_MAX_ISSUES_PER_RULE (default 100) and RETURNS_MAX_ISSUES (default 1,000) for uploads and the CLI.
 */
import type { Issue, Severity } from './issues';

export interface IssueLimits {
  /** Most issues listed for one rule (errors and warnings of a rule are counted apart). */
  perRule: number;
  /**
   * Most issues listed for one return, errors first, then warnings in what is left. Summary issues (one per
   * rule cut short, at most one per rule code) come on top.
   */
  perReturn: number;
}

export const DEFAULT_ISSUE_LIMITS: Readonly<IssueLimits> = { perRule: 100, perReturn: 1000 };
/** Everything listed: validateReturn's default, for library and rule tests that read every finding. */
export const NO_ISSUE_LIMITS: Readonly<IssueLimits> = { perRule: Infinity, perReturn: Infinity };

/** 19900 -> "19,900", the same in every locale and thread. */
function grouped(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A summary issue's message: no value from the file in it, so it is shown as written to every viewer. */
export function moreMessage(rule: string, severity: Severity, more: number, listed: number): string {
  const what = severity === 'error' ? (more === 1 ? 'error' : 'errors') : more === 1 ? 'warning' : 'warnings';
  return listed === 0
    ? `${grouped(more)} ${what} under rule ${rule}, not listed (too many issues in this return).`
    : `And ${grouped(more)} more ${what} like this under rule ${rule}, not listed.`;
}

/** How many findings a list stands for: each issue 1, each summary its `more`. */
export function issueTotal(issues: readonly Issue[]): number {
  let n = 0;
  for (const i of issues) n += i.more ?? 1;
  return n;
}

interface RuleTally {
  rule: string;
  severity: Severity;
  /** Findings in all, listed or not. */
  total: number;
  /** Findings held (at most perRule). */
  held: number;
  /** The file every finding came from, '' when they came from several. */
  file: string;
}

/**
 * Collects findings as rules produce them, holding at most `perRule` of each rule (the rest only counted),
 * so memory stays bounded however many rows are bad. `list` then applies the per-return cap.
 */
export class IssueTally {
  private readonly held: Issue[] = [];
  private readonly rules = new Map<string, RuleTally>();
  private readonly perRule: number;
  private readonly perReturn: number;

  constructor(limits: Readonly<IssueLimits> = NO_ISSUE_LIMITS) {
    this.perRule = limits.perRule;
    this.perReturn = limits.perReturn;
  }

  /** One finding; a summary issue (from a list capped before) adds its `more` to the rule's count. */
  add(issue: Issue): void {
    const key = `${issue.severity}\u0000${issue.rule}`;
    let t = this.rules.get(key);
    if (!t) {
      t = { rule: issue.rule, severity: issue.severity, total: 0, held: 0, file: issue.file };
      this.rules.set(key, t);
    }
    if (t.file !== issue.file) t.file = '';
    if (issue.more !== undefined) {
      t.total += issue.more;
      return;
    }
    t.total++;
    if (t.held >= this.perRule) return;
    t.held++;
    this.held.push(issue);
  }

  addAll(issues: Iterable<Issue>): void {
    for (const i of issues) this.add(i);
  }

  /** Findings in all of a severity, listed or not. */
  total(severity: Severity): number {
    let n = 0;
    for (const t of this.rules.values()) if (t.severity === severity) n += t.total;
    return n;
  }

  /** Findings per rule code of a severity, listed or not. */
  byRule(severity: Severity): Record<string, number> {
    const out: Record<string, number> = {};
    for (const t of this.rules.values()) if (t.severity === severity) out[t.rule] = (out[t.rule] ?? 0) + t.total;
    return out;
  }

  /**
   * The lists to store and send: errors, then warnings in the per-return room the errors left. Within a
   * severity every rule gets the same share (as many as it has, up to a common bound), so a rule with
   * few findings is never crowded out by one with thousands. Findings keep the order they came in; a
   * rule cut short has its summary issue right after its last listed finding.
   */
  lists(): { errors: Issue[]; warnings: Issue[] } {
    const errors = this.list('error', this.perReturn);
    const listed = errors.length - errors.filter((i) => i.more !== undefined).length;
    const warnings = this.list('warning', Math.max(0, this.perReturn - listed));
    return { errors, warnings };
  }

  private list(severity: Severity, budget: number): Issue[] {
    const keys = [...this.rules.entries()].filter(([, t]) => t.severity === severity);
    const quota = shares(
      keys.map(([, t]) => t.held),
      budget,
    );
    const allowed = new Map(keys.map(([key], n) => [key, quota[n]!]));
    const shown = new Map<string, number>();
    const out: Issue[] = [];
    const summarise = (key: string) => {
      const t = this.rules.get(key)!;
      const listed = allowed.get(key)!;
      const more = t.total - listed;
      if (more <= 0) return;
      out.push({
        file: t.file,
        row: 0,
        column: '',
        rule: t.rule,
        severity,
        message: moreMessage(t.rule, severity, more, listed),
        value: '',
        more,
      });
    };
    // A rule all of whose findings came in earlier summaries (none held) still gets its summary.
    const pending = new Set(keys.filter(([, t]) => t.total > 0).map(([key]) => key));
    for (const issue of this.held) {
      if (issue.severity !== severity) continue;
      const key = `${severity}\u0000${issue.rule}`;
      const n = shown.get(key) ?? 0;
      if (n < allowed.get(key)!) {
        out.push(issue);
        shown.set(key, n + 1);
      }
      if ((shown.get(key) ?? 0) === allowed.get(key)! && pending.delete(key)) summarise(key);
    }
    for (const key of pending) summarise(key);
    return out;
  }
}

/**
 * How many of each rule's held findings to list within `budget`: the largest common bound q with
 * Σ min(held, q) <= budget, then what is left of the budget one more each to the first rules still over q.
 */
export function shares(held: readonly number[], budget: number): number[] {
  const sum = (q: number) => held.reduce((s, h) => s + Math.min(h, q), 0);
  if (sum(Infinity) <= budget) return [...held];
  let lo = 0;
  let hi = Math.max(0, ...held);
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (sum(mid) <= budget) lo = mid;
    else hi = mid - 1;
  }
  let left = budget - sum(lo);
  return held.map((h) => {
    if (h <= lo) return h;
    if (left > 0) {
      left--;
      return lo + 1;
    }
    return lo;
  });
}
