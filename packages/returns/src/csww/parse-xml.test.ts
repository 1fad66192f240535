import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateReturn } from '../validate';
import { parseCswwXml } from './parse-xml';

const sample = {
  name: 'liia_social_work_workforce_2022_sample.xml',
  bytes: readFileSync(join(import.meta.dirname, '../../fixtures/csww/liia_social_work_workforce_2022_sample.xml')),
};
const enc = (text: string) => new TextEncoder().encode(text);

describe('the liia-tools sample census (LEA 301, 2022)', () => {
  const parsed = parseCswwXml(sample);

  it('reads the header, council-level figures and all 30 workers', () => {
    expect(parsed.issues).toEqual([]);
    expect(parsed.model.header).toEqual({
      origin: { file: sample.name, row: 0, path: 'Header' },
      Collection: 'CSWW',
      Year: '2022',
      ReferenceDate: '2022-09-30',
      LEA: '301',
    });
    expect(parsed.model.laLevel).toEqual({
      origin: { file: sample.name, row: 0, path: 'LALevelVacancies' },
      NumberOfVacancies: 79.68,
      NoAgencyFTE: 59.82,
      NoAgencyHeadcount: 71,
    });
    expect(parsed.model.workers).toHaveLength(30);
    expect(parsed.model.workers.filter((w) => w.AgencyWorker === '1')).toHaveLength(18);
  });

  it('types the first worker from the XML text', () => {
    expect(parsed.model.workers[0]).toEqual({
      origin: { file: sample.name, row: 1, path: 'CSWWWorker[1]' },
      AgencyWorker: '1',
      SWENo: 'Oz2054309383',
      FTE: 0.521371,
      PersonBirthDate: '1967-01-04',
      GenderCurrent: '1',
      Ethnicity: 'REFU',
      QualInst: 'Institution Name',
      QualLevel: null,
      StepUpGrad: '0',
      OrgRole: null,
      RoleStartDate: '1988-04-07',
      StartOrigin: '9',
      RoleEndDate: null,
      LeaverDestination: null,
      ReasonLeave: null,
      FTE30: null,
      Cases30: 72,
      WorkingDaysLost: 15.31,
      ContractWeeks: 288.7,
      FrontlineGrad: '1',
      Absat30Sept: '0',
      ReasonAbsence: 'TRN',
      CFKSSstatus: '1',
    });
  });

  it('reports its deliberate errors: starts and ends after the 30/09/2022 census date', () => {
    const result = validateReturn(parsed, { collectionYear: 2022 });
    expect(result.accepted).toBe(false);
    // Worked out from the XML: RoleStartDate 2023-03-28 (x6) and 2022-10-08; RoleEndDate 2023-03-28 (x11).
    expect(result.counts.errorsByRule).toEqual({ 'CSWW-W09': 7, 'CSWW-W10': 11 });
    expect(result.errors.find((i) => i.rule === 'CSWW-W10')).toEqual({
      file: sample.name,
      row: 3,
      column: 'RoleEndDate',
      rule: 'CSWW-W10',
      severity: 'error',
      message:
        'The role end date is after the census date: leavers are counted over the 12 months to 30 September. The census date is 30/09/2022.',
      value: '2023-03-28',
      path: 'CSWWWorker[3]',
    });
    // 12 workers lack QualInst; 2 give a reason for absence without being absent.
    expect(result.counts.warningsByRule).toEqual({ 'CSWW-W19': 2, 'CSWW-W28': 12 });
  });

  it('checks the census year it is loaded for', () => {
    const result = validateReturn(parsed, { collectionYear: 2023 });
    expect(result.errors.filter((i) => i.rule === 'CSWW-H02').map((i) => i.column)).toEqual(['Year', 'ReferenceDate']);
  });
});

describe('a malformed census file gets a clear error', () => {
  it('broken XML', () => {
    const r = parseCswwXml({ name: 'c.xml', bytes: enc('<Message><CSWWWorker></Message>') });
    expect(r.issues).toEqual([expect.objectContaining({ file: 'c.xml', rule: 'FILE-XML', severity: 'error' })]);
    expect(r.model.workers).toEqual([]);
  });

  it('a 903 file given as a census', () => {
    const r = parseCswwXml({ name: 'c.xml', bytes: enc('<EXPSSDA903/>') });
    expect(r.issues[0]!.message).toBe(
      'This is not a workforce census XML return: the root element is EXPSSDA903, expected Message.',
    );
  });

  it('empty and not UTF-8', () => {
    expect(parseCswwXml({ name: 'c.xml', bytes: new Uint8Array() }).issues[0]!.rule).toBe('FILE-EMPTY');
    expect(parseCswwXml({ name: 'c.xml', bytes: Uint8Array.from([0x3c, 0x4d, 0xff, 0x3e]) }).issues[0]!.rule).toBe(
      'FILE-ENCODING',
    );
  });

  it('a census with no workers and no header is read, and the rules say what is missing', () => {
    const parsed = parseCswwXml({ name: 'c.xml', bytes: enc('<Message></Message>') });
    expect(parsed.issues).toEqual([]);
    const result = validateReturn(parsed, { collectionYear: 2024 });
    expect(result.errors.map((i) => i.rule)).toEqual(['CSWW-H01', 'CSWW-V01']);
  });
});
