import { describe, expect, it } from 'vitest';
import { catalogue } from '@continuity/indicators';
import { councilsFromLookup, governmentOfficeRegion, regionsFrom } from './councils';
import { neighboursFromModel } from './neighbours';
import { pilotCouncils, pilotPractices } from './pilots';
import { isLegacyPseudonym, practicePseudonyms } from './pseudonyms';
import { publishedIndicators } from './published';
import { publishedSources } from './sources';
import { parseCsv } from './tables';

const SECRET = 'test-pseudonym-secret-0123456789';

const lookup = parseCsv(
  [
    'old_la_code,new_la_code,la_name,region_code,region_name,first_time_period_seen,last_time_period_seen',
    '370,E08000038,Barnsley,E12000003,Yorkshire and The Humber,2025,2025',
    '370,E08000016,Barnsley,E12000003,Yorkshire and The Humber,2017,2025',
    '825,E06000060,Buckinghamshire,E12000008,South East,201819,2025',
    '825,E10000002,Buckinghamshire,E12000008,South East,2017,2019',
    '312,E09000017,Hillingdon,E13000002,Outer London,2017,2025',
    '940 / 941,E06000061 / E06000062,North Northamptonshire / West Northamptonshire,E12000004,East Midlands,2021,2025',
  ].join('\n'),
);

describe('councilsFromLookup', () => {
  const councils = councilsFromLookup(lookup);

  it('keeps one council per code with its latest ONS code, spanning every period seen', () => {
    expect(councils.map((c) => c.code)).toEqual(['312', '370', '825']);
    expect(councils.find((c) => c.code === '370')).toEqual({
      code: '370',
      onsCode: 'E08000038',
      name: 'Barnsley',
      regionCode: 'E12000003',
      firstPeriod: 2017,
      lastPeriod: 2025,
    });
    // The academic year 2018/19 counts as 2019.
    expect(councils.find((c) => c.code === '825')).toMatchObject({ onsCode: 'E06000060', firstPeriod: 2017 });
  });

  it('puts London councils in the London region and keeps Inner/Outer London as regions', () => {
    expect(councils.find((c) => c.code === '312')?.regionCode).toBe('E12000007');
    expect(governmentOfficeRegion('E13000001')).toBe('E12000007');
    expect(governmentOfficeRegion('E12000008')).toBe('E12000008');
    expect(regionsFrom(lookup).map((r) => r.code)).toEqual(['E12000003', 'E12000004', 'E12000008', 'E13000002']);
  });
});

describe('neighboursFromModel', () => {
  it('reads neighbours in order with trimmed closeness labels', () => {
    const rows = parseCsv(
      [
        'old_la_code,la_name,region_ind,region_name,SN_1,SN_1P,SN_2,SN_2P',
        '302,Barnet,3,London,320,Close ,870,Somewhat close',
      ].join('\n'),
    );
    expect(neighboursFromModel(rows, '2025')).toEqual([
      { councilCode: '302', neighbourCode: '320', position: 1, closeness: 'Close', model: '2025' },
      { councilCode: '302', neighbourCode: '870', position: 2, closeness: 'Somewhat close', model: '2025' },
    ]);
  });
});

describe('pilot reference data', () => {
  it('has one practice per pilot council, two shared, Peterborough two', () => {
    expect(pilotCouncils).toHaveLength(14);
    expect(pilotPractices).toHaveLength(13);
    const servedBy = (code: string) => pilotPractices.filter((p) => p.councils.includes(code)).map((p) => p.id);
    expect(servedBy('874')).toEqual(['swp-peterborough-a', 'swp-peterborough-b']);
    expect(servedBy('392')).toEqual(servedBy('929'));
    expect(servedBy('937')).toEqual(servedBy('331'));
    for (const council of pilotCouncils) expect(servedBy(council.code).length, council.name).toBeGreaterThan(0);
  });

  it('gives stable, distinct pseudonyms keyed by the secret, not computable from the ids', () => {
    const ids = pilotPractices.map((p) => p.id);
    const first = practicePseudonyms(SECRET, ids);
    expect(practicePseudonyms(SECRET, [...ids].reverse())).toEqual(first);
    expect(new Set(first.values()).size).toBe(ids.length);
    for (const pseudonym of first.values()) expect(pseudonym).toMatch(/^Practice [0-9A-Z]{6,}$/);
    // Another secret gives other pseudonyms: the mapping cannot be recomputed from the public ids.
    const other = practicePseudonyms('another-secret-0123456789', ids);
    expect(ids.filter((id) => other.get(id) === first.get(id))).toEqual([]);
  });

  it('keeps pseudonyms already given, but replaces legacy unkeyed ones', () => {
    const existing = new Map([
      ['swp-kent', 'Practice Q7RT2M'],
      ['swp-hillingdon', 'Practice P03'],
    ]);
    const out = practicePseudonyms(SECRET, ['swp-kent', 'swp-hillingdon'], existing);
    expect(out.get('swp-kent')).toBe('Practice Q7RT2M');
    expect(out.get('swp-hillingdon')).toMatch(/^Practice [0-9A-Z]{6,}$/);
    expect(isLegacyPseudonym('Practice P03')).toBe(true);
    expect(isLegacyPseudonym('Practice P123')).toBe(true);
    // A keyed code that happens to be P and digits is six characters or more: never legacy.
    expect(isLegacyPseudonym('Practice P12345')).toBe(false);
  });
});

describe('published sources', () => {
  it('cover exactly the catalogue indicators DfE publishes', () => {
    const published = publishedIndicators()
      .map((d) => d.id)
      .sort();
    expect(Object.keys(publishedSources).sort()).toEqual(published);
    for (const id of ['missing_children', 'missing_incidents_per_child', 'review_participation']) {
      expect(published).not.toContain(id);
    }
    expect(published.length).toBeGreaterThan(0);
    expect(published.length).toBeLessThan(catalogue.length);
  });
});
