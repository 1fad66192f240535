import { describe, expect, it } from 'vitest';
import { parseCswwXml } from '../csww/parse-xml';
import { parseSsda903Files } from '../ssda903/parse';
import { validateReturn } from '../validate';
import {
  generateCouncilYear,
  generateCsww,
  generateSsda903,
  SSDA903_CSV_COLUMNS,
  writeCswwXml,
  writeSsda903Csv,
  writeSsda903Xml,
  type Ssda903Return,
} from './index';

const text = (bytes: Uint8Array) => new TextDecoder('utf-8', { fatal: true }).decode(bytes);

/** The header line of each table in Data to Insight's fake DfE returns (data/ssda903_synthetic/d2i_fake_*.csv). */
const DFE_HEADERS: Record<string, string> = {
  header: 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB',
  episodes: 'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN',
  reviews: 'CHILD,DOB,REVIEW,REVIEW_CODE',
  uasc: 'CHILD,SEX,DOB,DUC',
  oc2: 'CHILD,DOB,SDQ_SCORE,SDQ_REASON,CONVICTED,HEALTH_CHECK,IMMUNISATIONS,TEETH_CHECK,HEALTH_ASSESSMENT,SUBSTANCE_MISUSE,INTERVENTION_RECEIVED,INTERVENTION_OFFERED',
  oc3: 'CHILD,DOB,IN_TOUCH,ACTIV,ACCOM',
  ad1: 'CHILD,DOB,DATE_INT,DATE_MATCH,FOSTER_CARE,NB_ADOPTR,SEX_ADOPTR,LS_ADOPTR',
  placed_for_adoption: 'CHILD,DOB,DATE_PLACED,DATE_PLACED_CEASED,REASON_PLACED_CEASED',
  previous_permanence: 'CHILD,DOB,PREV_PERM,LA_PERM,DATE_PERM',
  missing: 'CHILD,DOB,MISSING,MIS_START,MIS_END',
  sw_episodes: 'CHILD,DOB,SW_ID,SW_DECOM,SW_DEC,SW_REASON',
};

const modelCounts = (ret: Ssda903Return) => ({
  header: ret.children.length,
  episodes: ret.children.reduce((s, c) => s + c.episodes.length, 0),
  reviews: ret.children.reduce((s, c) => s + c.reviews.length, 0),
  uasc: ret.children.filter((c) => c.uasc).length,
  oc2: ret.children.filter((c) => c.oc2).length,
  oc3: ret.children.filter((c) => c.oc3).length,
  ad1: ret.children.filter((c) => c.ad1).length,
  placedAdoption: ret.children.reduce((s, c) => s + c.placedAdoption.length, 0),
  prevPerm: ret.children.filter((c) => c.prevPerm).length,
  missing: ret.children.reduce((s, c) => s + c.missing.length, 0),
  swEpisodes: ret.children.reduce((s, c) => s + c.swEpisodes.length, 0),
});

describe('writeSsda903Csv', () => {
  const ret = generateSsda903({ seed: 7, councilCode: '312', collectionYear: 2025, children: 300 });
  const files = writeSsda903Csv(ret, { prefix: '312_2025_' });

  it("writes one file per table with DfE's column names in DfE's order", () => {
    expect(files.map((f) => f.name)).toEqual(Object.keys(DFE_HEADERS).map((t) => `312_2025_${t}.csv`));
    for (const f of files) {
      const table = f.name.replace('312_2025_', '').replace('.csv', '');
      expect(text(f.bytes).split('\n')[0]).toBe(DFE_HEADERS[table]);
      expect(SSDA903_CSV_COLUMNS[table as keyof typeof SSDA903_CSV_COLUMNS].join(',')).toBe(DFE_HEADERS[table]);
    }
  });

  it('writes UTF-8 without BOM, LF line ends and dd/mm/yyyy dates', () => {
    const episodes = files.find((f) => f.name.endsWith('episodes.csv'))!;
    expect(episodes.bytes[0]).toBe('C'.charCodeAt(0));
    const body = text(episodes.bytes);
    expect(body.includes('\r')).toBe(false);
    expect(body.endsWith('\n')).toBe(true);
    const first = body.split('\n')[1]!.split(',');
    expect(first[1]).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    expect(first).toHaveLength(13);
  });

  it("reads back through the project's parser with every row", () => {
    const parsed = parseSsda903Files(files);
    expect(parsed.issues).toEqual([]);
    const counts = Object.fromEntries(
      Object.entries(modelCounts(ret)).map(([k]) => [
        k,
        parsed.model[k as keyof ReturnType<typeof modelCounts>].length,
      ]),
    );
    expect(counts).toEqual(modelCounts(ret));
  });

  it.each([2024, 2025])("passes the project's validator with no errors (collection year %i)", (year) => {
    const r = generateSsda903({ seed: 'validator', councilCode: '886', collectionYear: year, children: 1500 });
    const result = validateReturn(parseSsda903Files(writeSsda903Csv(r)), { collectionYear: year });
    expect(result.counts.errorsByRule).toEqual({});
    expect(result.accepted).toBe(true);
    expect(result.counts.warningsByRule).toEqual({});
  });
});

describe('writeSsda903Xml', () => {
  const ret = generateSsda903({ seed: 7, councilCode: '312', collectionYear: 2025, children: 300 });

  it('writes the expanded 903 XML form, which reads back to the same rows as the CSV form', () => {
    const xml = writeSsda903Xml(ret);
    expect(xml.name).toBe('312_2025_ssda903.xml');
    const body = text(xml.bytes);
    expect(body.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<EXPSSDA903>')).toBe(true);
    expect(body).toContain('<PL>');
    expect(body).not.toContain('<PLACE>');
    const fromXml = parseSsda903Files([xml]);
    expect(fromXml.issues).toEqual([]);
    const fromCsv = parseSsda903Files(writeSsda903Csv(ret));
    const rows = (
      m: typeof fromXml.model,
      k: 'header' | 'episodes' | 'oc2' | 'oc3' | 'ad1' | 'reviews' | 'missing' | 'prevPerm' | 'placedAdoption' | 'uasc',
    ) => m[k].map(({ origin: _origin, ...row }) => row);
    for (const k of [
      'header',
      'episodes',
      'oc2',
      'oc3',
      'ad1',
      'reviews',
      'missing',
      'prevPerm',
      'placedAdoption',
      'uasc',
    ] as const) {
      expect(rows(fromXml.model, k)).toEqual(rows(fromCsv.model, k));
    }
  });

  it("passes the project's validator (before social worker episodes, which the 2021 XML schema lacks)", () => {
    const r = generateSsda903({ seed: 'validator', councilCode: '886', collectionYear: 2023, children: 800 });
    const result = validateReturn(parseSsda903Files([writeSsda903Xml(r)]), { collectionYear: 2023 });
    expect(result.counts.errorsByRule).toEqual({});
  });
});

describe('writeCswwXml', () => {
  it('writes the CSWW XML form, which reads back and passes the validator', () => {
    const ret = generateCsww({ seed: 7, councilCode: '312', censusYear: 2025, workers: 250 });
    const file = writeCswwXml(ret);
    expect(file.name).toBe('312_2025_csww.xml');
    const body = text(file.bytes);
    expect(body).toContain('<LEA>312</LEA>');
    expect(body).toContain('<ReferenceDate>2025-09-30</ReferenceDate>');
    const parsed = parseCswwXml(file);
    expect(parsed.issues).toEqual([]);
    expect(parsed.model.workers).toHaveLength(ret.workers.length);
    expect(parsed.model.laLevel).not.toBeNull();
    const result = validateReturn(parsed, { collectionYear: 2025 });
    expect(result.counts.errorsByRule).toEqual({});
  });
});

describe('generateCouncilYear', () => {
  it("gives a council's returns and each practice's, all readable", () => {
    const year = generateCouncilYear({
      seed: 1,
      councilCode: '886',
      collectionYear: 2025,
      children: 800,
      workers: 300,
      practices: [{ id: 'kent-swp', share: 0.15 }],
    });
    expect(year.practices).toHaveLength(1);
    const p = year.practices[0]!;
    expect(p.ssda903.children.length).toBeGreaterThan(50);
    expect(p.csww.workers.length).toBeGreaterThan(20);
    expect(p.csww.workers.every((w) => w.practiceId === 'kent-swp')).toBe(true);
    const result = validateReturn(parseSsda903Files(writeSsda903Csv(p.ssda903)), { collectionYear: 2025 });
    expect(result.counts.errorsByRule).toEqual({});
    const census = validateReturn(parseCswwXml(writeCswwXml(p.csww)), { collectionYear: 2025 });
    expect(census.counts.errorsByRule).toEqual({});
  });
});
