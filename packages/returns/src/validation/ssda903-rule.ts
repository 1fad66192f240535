import { showDate } from '../dates';
import { codesFor, describeCodes, type CodeList } from '../ssda903/codes';
import { TABLES, type RowOf, type TableKey } from '../ssda903/tables';
import type { Ssda903Context } from './context';
import type { Finding, Rule } from './registry';

export type Ssda903Rule = Rule<Ssda903Context>;

interface FieldRuleOptions<K extends TableKey> {
  code: string;
  table: K;
  field: string & keyof RowOf<K>;
  message: string;
  severity?: 'error' | 'warning';
  years?: { from?: number; to?: number };
}

/** A code-list check: the value must be in the list for the collection year. */
export function codeListRule<K extends TableKey>(
  o: FieldRuleOptions<K> & { list: CodeList; blank: 'allowed' | 'error' },
): Ssda903Rule {
  return {
    code: o.code,
    severity: o.severity ?? 'error',
    tables: [TABLES[o.table].name],
    fields: [o.field],
    message: o.message,
    ...(o.years ? { years: o.years } : {}),
    *check(ctx): Iterable<Finding> {
      const codes = new Set(codesFor(o.list, ctx.year));
      const valid = `Use ${describeCodes(o.list, ctx.year)}.`;
      for (const row of ctx.model[o.table] as RowOf<K>[]) {
        const v = row[o.field] as unknown as string | null;
        if (v === null) {
          if (o.blank === 'error')
            yield { at: row, column: o.field, value: '', detail: `${o.field} is blank. ${valid}` };
        } else if (!codes.has(v)) {
          yield { at: row, column: o.field, value: v, detail: `"${v}" is not a ${ctx.period.label} code. ${valid}` };
        }
      }
    },
  };
}

/** A date check: dd/mm/yyyy and a real day; optionally required. */
export function dateRule<K extends TableKey>(o: FieldRuleOptions<K> & { required: boolean }): Ssda903Rule {
  return {
    code: o.code,
    severity: o.severity ?? 'error',
    tables: [TABLES[o.table].name],
    fields: [o.field],
    message: o.message,
    ...(o.years ? { years: o.years } : {}),
    *check(ctx): Iterable<Finding> {
      for (const row of ctx.model[o.table] as RowOf<K>[]) {
        const raw = row.invalid?.[o.field];
        if (raw !== undefined) {
          yield { at: row, column: o.field, value: raw, detail: `"${raw}" is not a real date written dd/mm/yyyy.` };
        } else if (o.required && row[o.field] === null) {
          yield { at: row, column: o.field, value: '', detail: `${o.field} is blank.` };
        }
      }
    },
  };
}

/** A rule over each row of one table: `test` returns a detail string when the row breaks it. */
export function rowRule<K extends TableKey>(
  o: Omit<FieldRuleOptions<K>, 'field'> & {
    column: string;
    fields?: readonly string[];
    tables?: readonly string[];
    test: (row: RowOf<K>, ctx: Ssda903Context) => string | false | null | undefined;
  },
): Ssda903Rule {
  return {
    code: o.code,
    severity: o.severity ?? 'error',
    tables: o.tables ?? [TABLES[o.table].name],
    fields: o.fields ?? [o.column],
    message: o.message,
    ...(o.years ? { years: o.years } : {}),
    *check(ctx): Iterable<Finding> {
      for (const row of ctx.model[o.table] as RowOf<K>[]) {
        const detail = o.test(row, ctx);
        if (detail) yield { at: row, column: o.column, value: shown(o.table, row, o.column), detail };
      }
    },
  };
}

export const d = showDate;

/** A field as the data officer typed it: raw text if it failed to convert, dates back in dd/mm/yyyy. */
export function shown<K extends TableKey>(table: K, row: RowOf<K>, column: string): string {
  const invalid = row.invalid?.[column];
  if (invalid !== undefined) return invalid;
  const v = (row as unknown as Record<string, unknown>)[column];
  if (v === null || v === undefined) return '';
  const kind = (TABLES[table].columns as Record<string, string>)[column];
  return kind === 'date' ? showDate(v as string) : String(v);
}
