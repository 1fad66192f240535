import { cswwRules, CswwContext } from '../csww/rules';
import { parseCswwXml } from '../csww/parse-xml';
import { rowBuilder } from '../ssda903/convert';
import { emptyModel, type Ssda903Model, type TableKey } from '../ssda903/tables';
import { Ssda903Context } from './context';
import { runRules, type Rule } from './registry';
import { ssda903Rules } from './rules';
import { tablesPresentRule } from './rules/tables-present';

/*
 * Test support (not exported from the package): build small returns from rows written as a data officer
 * would type them, run one rule, and describe each finding as "file:row:column".
 */

type RawRow = Record<string, string>;
export type Given = Partial<Record<TableKey, RawRow[]>>;

/** A model whose table `t` came from a CSV named `t`, row i at spreadsheet row i + 2. */
function modelOf(given: Given): Ssda903Model {
  const model = emptyModel();
  for (const [table, rows] of Object.entries(given) as [TableKey, RawRow[]][]) {
    const build = rowBuilder(table);
    (model as unknown as Record<string, unknown[]>)[table] = rows.map((r, i) =>
      build((f) => r[build.columns[f]!], { file: table, row: i + 2 }),
    );
    model.sources.push({ table, file: table, format: 'csv', rows: rows.length });
  }
  return model;
}

const byCode = new Map<string, Rule<Ssda903Context>>([tablesPresentRule, ...ssda903Rules].map((r) => [r.code, r]));

function ssda903Rule(code: string): Rule<Ssda903Context> {
  const rule = byCode.get(code);
  if (!rule) throw new Error(`No SSDA903 rule ${code}`);
  return rule;
}

/** Findings of one 903 rule on a hand-built return, as "file:row:column". */
export function findings(code: string, given: Given, year = 2025): string[] {
  return runRules([ssda903Rule(code)], new Ssda903Context(modelOf(given), year)).map(
    (i) => `${i.file}:${i.row}:${i.column}`,
  );
}

export interface RuleCase {
  code: string;
  name: string;
  year?: number;
  given: Given;
  /** "table:row:column" for each expected finding; [] for a passing case. */
  expect: string[];
}

/** A census XML document from a few hand-written values. */
export function cswwXml(o: {
  year?: string | null;
  lea?: string | null;
  referenceDate?: string | null;
  la?: Record<string, string> | null;
  workers: Record<string, string>[];
}): string {
  const el = (name: string, v: string | null | undefined) =>
    v === null || v === undefined ? '' : `<${name}>${v}</${name}>`;
  const laValues = o.la ?? { NumberOfVacancies: '1.50', NoAgencyFTE: '2.00', NoAgencyHeadcount: '2' };
  const la =
    o.la === null
      ? ''
      : `<LALevelVacancies>${Object.entries(laValues)
          .map(([k, v]) => el(k, v))
          .join('')}</LALevelVacancies>`;
  const year = el('Year', o.year === undefined ? '2024' : o.year);
  const reference = el('ReferenceDate', o.referenceDate === undefined ? '2024-09-30' : o.referenceDate);
  return (
    `<?xml version="1.0" encoding="UTF-8"?><Message><Header><CollectionDetails><Collection>CSWW</Collection>` +
    `${year}${reference}</CollectionDetails>` +
    `<Source><SourceLevel>L</SourceLevel>${el('LEA', o.lea === undefined ? '886' : o.lea)}</Source></Header>${la}` +
    o.workers
      .map(
        (w) =>
          `<CSWWWorker>${Object.entries(w)
            .map(([k, v]) => el(k, v))
            .join('')}</CSWWWorker>`,
      )
      .join('') +
    `</Message>`
  );
}

/** A worker that passes every rule; override fields to break one. Use `null` to leave an element out. */
export function worker(over: Record<string, string | null> = {}): Record<string, string> {
  const base: Record<string, string | null> = {
    AgencyWorker: '0',
    SWENo: 'AB1234567890',
    FTE: '1',
    QualInst: 'A university',
    OrgRole: '5',
    RoleStartDate: '2020-01-01',
    Cases30: '10',
    WorkingDaysLost: '2.50',
    ...over,
  };
  return Object.fromEntries(Object.entries(base).filter(([, v]) => v !== null)) as Record<string, string>;
}

export function cswwFindings(code: string, xml: string, year = 2024, councilCode?: string): string[] {
  const rule = cswwRules.find((r) => r.code === code);
  if (!rule) throw new Error(`No CSWW rule ${code}`);
  const parsed = parseCswwXml({ name: 'census.xml', bytes: new TextEncoder().encode(xml) });
  if (parsed.issues.length > 0) throw new Error(parsed.issues[0]!.message);
  return runRules([rule], new CswwContext(parsed.model, year, councilCode)).map(
    (i) => `${i.file}:${i.row}:${i.column}`,
  );
}
