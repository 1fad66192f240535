import { cswwRules } from './csww/rules';
import type { Severity } from './issues';
import { appliesIn } from './validation/registry';
import { ssda903Rules } from './validation/rules';
import { tablesPresentRule } from './validation/rules/tables-present';

export interface RuleInfo {
  kind: 'ssda903' | 'csww';
  code: string;
  severity: Severity;
  tables: readonly string[];
  fields: readonly string[];
  message: string;
  years?: { from?: number; to?: number };
}

/** Every rule with its code, severity, what it reads and its message: for documentation and for the UI. */
export function ruleCatalogue(collectionYear?: number): RuleInfo[] {
  const info =
    (kind: RuleInfo['kind']) =>
    (r: Omit<RuleInfo, 'kind'>): RuleInfo => ({
      kind,
      code: r.code,
      severity: r.severity,
      tables: r.tables,
      fields: r.fields,
      message: r.message,
      ...(r.years ? { years: r.years } : {}),
    });
  const all = [...[tablesPresentRule, ...ssda903Rules].map(info('ssda903')), ...cswwRules.map(info('csww'))];
  return collectionYear === undefined ? all : all.filter((r) => appliesIn(r, collectionYear));
}
