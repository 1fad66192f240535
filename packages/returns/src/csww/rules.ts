import { cswwPeriod, type CswwPeriod } from '../collection-year';
import { showDate as d } from '../dates';
import { rawValue, type Finding, type Rule } from '../validation/registry';
import { CSWW_CODES, describeCswwCodes, type CswwCodedField } from './codes';
import type { CswwModel, CswwWorker } from './model';

/*
 * Workforce census rules. DfE's 903 rule list does not cover the census, so these codes are ours, prefixed
 * CSWW-: H (file header), V (council-level vacancies), W (worker records). They come from the XSD (types,
 * code lists, FTE 0-1, the SWE number pattern) and from the census rules the indicators rely on (dates
 * against the 30 September census date). Severity policy: a field an indicator reads (agency status, FTE,
 * role, dates, reason for leaving, cases, days lost, vacancies) is an error; other XSD constraints warn.
 */

export class CswwContext {
  readonly period: CswwPeriod;
  constructor(
    readonly model: CswwModel,
    readonly year: number,
    /** The council the return is being loaded for, when known: the file's LEA must match it. */
    readonly councilCode?: string,
  ) {
    this.period = cswwPeriod(year);
  }
}

export type CswwRule = Rule<CswwContext>;

const SWE_NO = /^[A-Za-z]{2}\d{10}$/;
const decimals = (raw: string) => (raw.includes('.') ? raw.split('.')[1]!.length : 0);

function workerRule(o: {
  code: string;
  severity?: 'error' | 'warning';
  column: keyof CswwWorker & string;
  fields?: string[];
  message: string;
  test: (w: CswwWorker, ctx: CswwContext) => string | false | null | undefined;
}): CswwRule {
  return {
    code: o.code,
    severity: o.severity ?? 'error',
    tables: ['CSWWWorker'],
    fields: o.fields ?? [o.column],
    message: o.message,
    *check(ctx): Iterable<Finding> {
      for (const w of ctx.model.workers) {
        const detail = o.test(w, ctx);
        if (detail) yield { at: w, column: o.column, value: rawValue(w, o.column), detail };
      }
    },
  };
}

function codeRule(
  code: string,
  field: CswwCodedField & keyof CswwWorker,
  severity: 'error' | 'warning',
  required = false,
): CswwRule {
  const codes = CSWW_CODES[field] as Record<string, string>;
  return workerRule({
    code,
    severity,
    column: field,
    message: `${field} is not a valid code.`,
    test: (w) => {
      const v = w[field] as string | null;
      if (v === null) return required && `${field} is blank. Use ${describeCswwCodes(field)}.`;
      return !(v in codes) && `"${v}" is not a code. Use ${describeCswwCodes(field)}.`;
    },
  });
}

function fteRule(code: string, field: 'FTE' | 'FTE30'): CswwRule {
  return workerRule({
    code,
    column: field,
    message: `${field} (full-time equivalent) must be a number from 0 to 1, with up to 6 decimal places.`,
    test: (w) => {
      if (w.invalid?.[field] !== undefined) return `"${w.invalid[field]}" is not a number.`;
      const v = w[field];
      if (v === null) return false;
      if (v < 0 || v > 1) return `${v} is outside 0 to 1.`;
      return decimals(rawValue(w, field)) > 6 && 'It has more than 6 decimal places.';
    },
  });
}

const DATE_FIELDS = ['PersonBirthDate', 'RoleStartDate', 'RoleEndDate'] as const;

export const cswwRules: readonly CswwRule[] = [
  {
    code: 'CSWW-H01',
    severity: 'error',
    tables: ['Header'],
    fields: ['LEA'],
    message: "The return must give the council's 3-digit DfE code (Header/Source/LEA).",
    *check(ctx) {
      const h = ctx.model.header;
      const at = h ?? { origin: { file: ctx.model.file, row: 0, path: 'Header' } };
      const lea = h?.LEA ?? null;
      if (lea === null || !/^\d{3}$/.test(lea)) {
        yield { at, column: 'LEA', value: lea, detail: lea === null ? 'It is missing.' : `"${lea}" is not 3 digits.` };
      } else if (ctx.councilCode !== undefined && lea !== ctx.councilCode) {
        yield { at, column: 'LEA', value: lea, detail: `This return is being loaded for council ${ctx.councilCode}.` };
      }
    },
  },
  {
    code: 'CSWW-H02',
    severity: 'error',
    tables: ['Header'],
    fields: ['Year', 'ReferenceDate'],
    message: 'The census year in the file does not match the year this return is being loaded for.',
    *check(ctx) {
      const h = ctx.model.header;
      if (h?.Year && h.Year !== String(ctx.year)) {
        yield {
          at: h,
          column: 'Year',
          value: h.Year,
          detail: `The return is being loaded for the ${ctx.year} census (30 September ${ctx.year}).`,
        };
      }
      if (h?.invalid?.ReferenceDate !== undefined) {
        yield {
          at: h,
          column: 'ReferenceDate',
          value: h.invalid.ReferenceDate,
          detail: 'ReferenceDate is not a real date written yyyy-mm-dd.',
        };
      } else if (h?.ReferenceDate && h.ReferenceDate !== ctx.period.censusDate) {
        yield {
          at: h,
          column: 'ReferenceDate',
          value: h.ReferenceDate,
          detail: `The census date is ${ctx.period.censusDate}.`,
        };
      }
    },
  },
  {
    code: 'CSWW-V01',
    severity: 'error',
    tables: ['LALevelVacancies'],
    fields: ['NumberOfVacancies', 'NoAgencyFTE', 'NoAgencyHeadcount'],
    message: 'Council-level vacancies and agency figures must be given as numbers of 0 or more.',
    *check(ctx) {
      const la = ctx.model.laLevel;
      if (!la) {
        yield {
          at: { origin: { file: ctx.model.file, row: 0, path: 'LALevelVacancies' } },
          column: 'LALevelVacancies',
          value: '',
          detail: 'LALevelVacancies is missing.',
        };
        return;
      }
      for (const f of ['NumberOfVacancies', 'NoAgencyFTE', 'NoAgencyHeadcount'] as const) {
        const raw = la.invalid?.[f];
        if (raw !== undefined)
          yield {
            at: la,
            column: f,
            value: raw,
            detail: `${f} "${raw}" is not a ${f === 'NoAgencyHeadcount' ? 'whole number' : 'number'}.`,
          };
        else if (la[f] === null) yield { at: la, column: f, value: '', detail: `${f} is blank.` };
        else if (la[f]! < 0) yield { at: la, column: f, value: la[f], detail: `${f} is negative.` };
      }
    },
  },
  codeRule('CSWW-W01', 'AgencyWorker', 'error', true),
  workerRule({
    code: 'CSWW-W02',
    column: 'SWENo',
    message: 'SWENo must be the Social Work England registration number: 2 letters then 10 digits.',
    test: (w) => (w.SWENo === null ? 'It is blank.' : !SWE_NO.test(w.SWENo) && `"${w.SWENo}" does not have that form.`),
  }),
  {
    code: 'CSWW-W03',
    severity: 'warning',
    tables: ['CSWWWorker'],
    fields: ['SWENo'],
    message: 'The same SWENo appears on more than one worker record.',
    *check(ctx) {
      const seen = new Map<string, number>();
      for (const w of ctx.model.workers) {
        if (w.SWENo === null) continue;
        const first = seen.get(w.SWENo.toUpperCase());
        if (first !== undefined)
          yield { at: w, column: 'SWENo', value: w.SWENo, detail: `It is also on worker record ${first}.` };
        else seen.set(w.SWENo.toUpperCase(), w.origin.row);
      }
    },
  },
  fteRule('CSWW-W04', 'FTE'),
  fteRule('CSWW-W05', 'FTE30'),
  codeRule('CSWW-W06', 'OrgRole', 'error'),
  {
    code: 'CSWW-W07',
    severity: 'error',
    tables: ['CSWWWorker'],
    fields: DATE_FIELDS,
    message: 'A date is not a real date written yyyy-mm-dd.',
    *check(ctx) {
      for (const w of ctx.model.workers) {
        for (const f of DATE_FIELDS) {
          const raw = w.invalid?.[f];
          if (raw !== undefined) yield { at: w, column: f, value: raw, detail: `${f} is "${raw}".` };
        }
      }
    },
  },
  workerRule({
    code: 'CSWW-W08',
    column: 'RoleEndDate',
    fields: ['RoleStartDate', 'RoleEndDate'],
    message: 'The role end date is before the role start date.',
    test: (w) =>
      w.RoleStartDate !== null &&
      w.RoleEndDate !== null &&
      w.RoleEndDate < w.RoleStartDate &&
      `The role started on ${d(w.RoleStartDate)}.`,
  }),
  workerRule({
    code: 'CSWW-W09',
    column: 'RoleStartDate',
    message: 'The role start date is after the census date: the census counts workers in post on 30 September.',
    test: (w, ctx) =>
      w.RoleStartDate !== null &&
      w.RoleStartDate > ctx.period.censusDate &&
      `The census date is ${d(ctx.period.censusDate)}.`,
  }),
  workerRule({
    code: 'CSWW-W10',
    column: 'RoleEndDate',
    message: 'The role end date is after the census date: leavers are counted over the 12 months to 30 September.',
    test: (w, ctx) =>
      w.RoleEndDate !== null &&
      w.RoleEndDate > ctx.period.censusDate &&
      `The census date is ${d(ctx.period.censusDate)}.`,
  }),
  codeRule('CSWW-W11', 'ReasonLeave', 'error'),
  workerRule({
    code: 'CSWW-W12',
    severity: 'warning',
    column: 'ReasonLeave',
    fields: ['RoleEndDate', 'ReasonLeave'],
    message: 'The worker left (a role end date is given) but the reason for leaving is blank.',
    test: (w) => w.RoleEndDate !== null && w.ReasonLeave === null && `The role ended on ${d(w.RoleEndDate)}.`,
  }),
  workerRule({
    code: 'CSWW-W13',
    severity: 'warning',
    column: 'ReasonLeave',
    fields: ['RoleEndDate', 'ReasonLeave'],
    message: 'A reason for leaving is given but there is no role end date.',
    test: (w) =>
      w.ReasonLeave !== null &&
      w.RoleEndDate === null &&
      w.invalid?.RoleEndDate === undefined &&
      'Give the date the role ended, or clear ReasonLeave.',
  }),
  workerRule({
    code: 'CSWW-W14',
    column: 'Cases30',
    message: 'Cases30 (cases held on 30 September) must be a whole number of 0 or more.',
    test: (w) =>
      w.invalid?.Cases30 !== undefined
        ? `"${w.invalid.Cases30}" is not a whole number.`
        : w.Cases30 !== null && w.Cases30 < 0 && 'It is negative.',
  }),
  workerRule({
    code: 'CSWW-W15',
    column: 'WorkingDaysLost',
    message: 'WorkingDaysLost must be a number of 0 or more, with up to 2 decimal places.',
    test: (w) => {
      if (w.invalid?.WorkingDaysLost !== undefined) return `"${w.invalid.WorkingDaysLost}" is not a number.`;
      if (w.WorkingDaysLost === null) return false;
      if (w.WorkingDaysLost < 0) return 'It is negative.';
      return decimals(rawValue(w, 'WorkingDaysLost')) > 2 && 'It has more than 2 decimal places.';
    },
  }),
  workerRule({
    code: 'CSWW-W16',
    severity: 'warning',
    column: 'WorkingDaysLost',
    message: 'WorkingDaysLost is more than the 253 working days in a year.',
    test: (w) => w.WorkingDaysLost !== null && w.WorkingDaysLost > 253 && `It is ${w.WorkingDaysLost}.`,
  }),
  codeRule('CSWW-W17', 'Absat30Sept', 'error'),
  codeRule('CSWW-W18', 'ReasonAbsence', 'warning'),
  workerRule({
    code: 'CSWW-W19',
    severity: 'warning',
    column: 'ReasonAbsence',
    fields: ['Absat30Sept', 'ReasonAbsence'],
    message:
      'A reason for absence is given but the worker is not recorded as absent on 30 September (Absat30Sept = 1).',
    test: (w) => w.ReasonAbsence !== null && w.Absat30Sept !== '1' && `Absat30Sept is ${w.Absat30Sept ?? 'blank'}.`,
  }),
  codeRule('CSWW-W20', 'GenderCurrent', 'warning'),
  codeRule('CSWW-W21', 'Ethnicity', 'warning'),
  codeRule('CSWW-W22', 'QualLevel', 'warning'),
  codeRule('CSWW-W23', 'StepUpGrad', 'warning'),
  codeRule('CSWW-W24', 'StartOrigin', 'warning'),
  codeRule('CSWW-W25', 'LeaverDestination', 'warning'),
  codeRule('CSWW-W26', 'FrontlineGrad', 'warning'),
  codeRule('CSWW-W27', 'CFKSSstatus', 'warning'),
  workerRule({
    code: 'CSWW-W28',
    severity: 'warning',
    column: 'QualInst',
    message:
      'QualInst (the institution where the social work qualification was gained) is required by the census schema.',
    test: (w) => w.QualInst === null && 'It is missing.',
  }),
];
