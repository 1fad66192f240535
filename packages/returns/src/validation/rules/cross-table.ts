import { TABLES, type RowOf, type TableKey } from '../../ssda903/tables';
import type { Finding } from '../registry';
import { d, type Ssda903Rule } from '../ssda903-rule';

/*
 * Checks across tables. INT codes are Data to Insight's internal checks (listed in DfE's 2024-25 rules CSV);
 * CONT- codes are ours where no such code exists.
 */

type ChildRow = RowOf<TableKey>;
const rows = (ctx: { model: Record<TableKey, ChildRow[]> }, t: TableKey) => ctx.model[t];

/** Child in this table must be in the Header. */
const notInHeader = (code: string, table: TableKey): Ssda903Rule => ({
  code,
  severity: 'error',
  tables: [TABLES[table].name, 'Header'],
  fields: ['CHILD'],
  message: `Internal Check: Child in ${TABLES[table].name} does not exist in Header.`,
  *check(ctx): Iterable<Finding> {
    const header = ctx.headerByChild;
    for (const r of rows(ctx, table)) {
      if (r.CHILD !== '' && !header.has(r.CHILD))
        yield {
          at: r,
          column: 'CHILD',
          value: r.CHILD,
          detail: 'Add the child to the Header, or check the identifier.',
        };
    }
  },
});

/** Child should appear once in this table. */
const duplicated = (code: string, table: TableKey): Ssda903Rule => ({
  code,
  severity: 'error',
  tables: [TABLES[table].name],
  fields: ['CHILD'],
  message: `Internal Check: Child should only exist once in ${TABLES[table].name}.`,
  *check(ctx): Iterable<Finding> {
    const first = new Map<string, ChildRow>();
    for (const r of rows(ctx, table)) {
      if (r.CHILD === '') continue;
      const earlier = first.get(r.CHILD);
      if (earlier)
        yield { at: r, column: 'CHILD', value: r.CHILD, detail: `It is already on row ${earlier.origin.row}.` };
      else first.set(r.CHILD, r);
    }
  },
});

/** A table's repeated DOB should agree with the Header's. */
const dobDiffers = (code: string, table: TableKey): Ssda903Rule => ({
  code,
  severity: 'warning',
  tables: ['Header', TABLES[table].name],
  fields: ['DOB'],
  message: `Internal Check: DOB in ${TABLES[table].name} is different to DOB in Header.`,
  *check(ctx): Iterable<Finding> {
    for (const r of rows(ctx, table) as (ChildRow & { DOB: string | null })[]) {
      const dob = ctx.headerByChild.get(r.CHILD)?.DOB;
      if (dob && r.DOB && r.DOB !== dob)
        yield { at: r, column: 'DOB', value: d(r.DOB), detail: `The Header gives ${d(dob)}.` };
    }
  },
});

const CHILD_TABLES = Object.keys(TABLES) as TableKey[];

export const crossTableRules: Ssda903Rule[] = [
  {
    code: 'CONT-CHILD',
    severity: 'error',
    tables: CHILD_TABLES.map((t) => TABLES[t].name),
    fields: ['CHILD'],
    message: 'The child identifier (CHILD) is blank, so this row cannot be linked to a child.',
    *check(ctx): Iterable<Finding> {
      for (const t of CHILD_TABLES)
        for (const r of rows(ctx, t)) if (r.CHILD === '') yield { at: r, column: 'CHILD', value: '' };
    },
  },
  notInHeader('INT01', 'ad1'),
  notInHeader('INT02', 'placedAdoption'),
  notInHeader('INT03', 'episodes'),
  notInHeader('INT04', 'missing'),
  notInHeader('INT05', 'oc2'),
  notInHeader('INT06', 'oc3'),
  notInHeader('INT07', 'prevPerm'),
  notInHeader('INT08', 'reviews'),
  notInHeader('INT09', 'uasc'),
  notInHeader('CONT-INT10', 'swEpisodes'),
  duplicated('INT31', 'ad1'),
  duplicated('INT32', 'header'),
  duplicated('INT33', 'oc2'),
  duplicated('INT34', 'oc3'),
  duplicated('INT35', 'prevPerm'),
  duplicated('INT36', 'uasc'),
  dobDiffers('INT11', 'ad1'),
  dobDiffers('INT12', 'placedAdoption'),
  dobDiffers('INT13', 'missing'),
  dobDiffers('INT14', 'oc2'),
  dobDiffers('INT15', 'oc3'),
  dobDiffers('INT16', 'prevPerm'),
  dobDiffers('INT17', 'reviews'),
  dobDiffers('INT18', 'uasc'),
  {
    code: 'INT21',
    severity: 'warning',
    tables: ['Header', 'UASC'],
    fields: ['SEX'],
    message: 'Internal Check: SEX in UASC is different to SEX in Header.',
    *check(ctx): Iterable<Finding> {
      for (const u of ctx.model.uasc) {
        const sex = ctx.headerByChild.get(u.CHILD)?.SEX;
        if (sex && u.SEX && u.SEX !== sex)
          yield { at: u, column: 'SEX', value: u.SEX, detail: `The Header gives ${sex}.` };
      }
    },
  },
  {
    code: 'EPI',
    severity: 'warning',
    tables: ['Header', 'Episodes'],
    fields: ['CHILD'],
    message: 'Episodes need to be loaded for this child before further validation is possible.',
    *check(ctx): Iterable<Finding> {
      // Care leavers followed up in OC3 need no episodes.
      const careLeavers = new Set(ctx.model.oc3.map((o) => o.CHILD));
      for (const h of ctx.model.header) {
        if (h.CHILD !== '' && !ctx.episodesByChild.has(h.CHILD) && !careLeavers.has(h.CHILD)) {
          yield { at: h, column: 'CHILD', value: h.CHILD, detail: 'The child is in the Header but has no episodes.' };
        }
      }
    },
  },
  {
    code: '1012',
    severity: 'error',
    tables: ['Episodes', 'OC3', 'Reviews', 'Missing', 'OC2', 'PlacedAdoption', 'AD1', 'SWEpisodes'],
    fields: ['CHILD'],
    message: 'No other data should be returned for OC3 children who had no episodes in the current year.',
    *check(ctx): Iterable<Finding> {
      const leavers = new Set(ctx.model.oc3.map((o) => o.CHILD).filter((c) => !ctx.childrenLookedAfterInYear.has(c)));
      if (leavers.size === 0) return;
      const others: TableKey[] = ['reviews', 'missing', 'oc2', 'placedAdoption', 'ad1', 'swEpisodes'];
      for (const t of others) {
        for (const r of rows(ctx, t)) {
          if (leavers.has(r.CHILD)) {
            yield {
              at: r,
              column: 'CHILD',
              value: r.CHILD,
              detail: `This care leaver was not looked after in the year, so needs no ${TABLES[t].name} row.`,
            };
          }
        }
      }
    },
  },
  {
    code: 'CONT-NOCARE',
    severity: 'warning',
    tables: ['Episodes', 'Reviews', 'Missing', 'SWEpisodes'],
    fields: ['CHILD'],
    message: 'This row is for a child with no episode of care in the collection year.',
    *check(ctx): Iterable<Finding> {
      const inYear = ctx.childrenLookedAfterInYear;
      const leavers = new Set(ctx.model.oc3.map((o) => o.CHILD)); // reported by 1012 instead
      for (const t of ['reviews', 'missing', 'swEpisodes'] as TableKey[]) {
        for (const r of rows(ctx, t)) {
          if (r.CHILD !== '' && ctx.headerByChild.has(r.CHILD) && !inYear.has(r.CHILD) && !leavers.has(r.CHILD)) {
            yield {
              at: r,
              column: 'CHILD',
              value: r.CHILD,
              detail: `No episode is open between ${d(ctx.period.start)} and ${d(ctx.period.end)}.`,
            };
          }
        }
      }
    },
  },
];
