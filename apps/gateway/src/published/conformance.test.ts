/**
 * Conformance of the published figures: every cell the API serves for DfE's published tables
 * (value, numerator, denominator, symbol; England, every region, every council; every indicator and
 * year held) against DfE's files read again by dfe-files.ts, apart from the loader; and every
 * council's rank, rankOutOf and quartile against LAIT's method worked from the file. Zero
 * differences, as policy and as a council (published figures are the same for every viewer).
 *
 * Read through GraphQL as the dashboard reads it: one series request per indicator and chunk of 50
 * subjects (MAX_SUBJECTS), all years at once.
 *
 * Where the product legitimately differs from the printed file:
 * - numerator and denominator of the CSWW rates are DfE's formulas over printed columns (e.g. agency
 *   FTE + in-post FTE), kept to the printed precision; the rate itself is DfE's printed value.
 * - a numerator or denominator printed as a symbol (c, x, z, low) is served as null: SeriesPoint has
 *   one symbol, the value's (numerator and denominator symbols stay in the database).
 * - joint services ("314 / 318") are the first council's figures, the partner `z` (published README).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { councils, regions, type Database } from '@continuity/db';
import { openTestDatabase, testEngines } from '@continuity/db/testing';
import { catalogueById } from '@continuity/indicators';
import { loadAll } from '@continuity/published';
import { execute, testViewers } from '@continuity/schema/testing';
import { cellKey, dfeParts, dfeTable, lait, type FileCell, type FilePlace } from './dfe-files';

const ENGLAND = 'E92000001';
const CHUNK = 50;

interface ApiPoint {
  period: number;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  symbol: string | null;
  source: string;
  rank: number | null;
  rankOutOf: number | null;
  quartile: number | null;
}

const query = /* GraphQL */ `
  query ($indicator: ID!, $subjects: [SubjectInput!]!) {
    series(indicatorId: $indicator, subjects: $subjects) {
      lines { subject { kind id } points { period value numerator denominator symbol source rank rankOutOf quartile } }
    }
  }`;

describe.each(testEngines())('published figures as DfE published them, on %s', (engine) => {
  let database: Database;
  let subjects: { kind: string; id: string }[];
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    await loadAll(database.db, { pseudonymSecret: 'conformance-test-pseudonym-secret' });
    const councilRows = await database.db.select({ code: councils.code }).from(councils);
    const regionRows = await database.db.select({ code: regions.code }).from(regions);
    subjects = [
      { kind: 'ENGLAND', id: ENGLAND },
      ...regionRows.map((r) => ({ kind: 'REGION', id: r.code })),
      ...councilRows.map((c) => ({ kind: 'COUNCIL', id: c.code })),
    ];
  });
  afterAll(() => database?.close());

  /** Every point the API serves for an indicator, `kind|id|period` -> point. */
  async function served(viewer: keyof typeof testViewers, indicator: string): Promise<Map<string, ApiPoint>> {
    const out = new Map<string, ApiPoint>();
    for (let i = 0; i < subjects.length; i += CHUNK) {
      const result = await execute(database, testViewers[viewer], query, {
        indicator,
        subjects: subjects.slice(i, i + CHUNK),
      });
      expect(result.errors).toBeUndefined();
      for (const line of result.data.series.lines as { subject: { kind: string; id: string }; points: ApiPoint[] }[]) {
        for (const p of line.points) out.set(cellKey(line.subject.kind.toLowerCase(), line.subject.id, p.period), p);
      }
    }
    return out;
  }

  async function one(viewer: keyof typeof testViewers, kind: string, id: string, indicator: string, period: number) {
    const result = await execute(database, testViewers[viewer], query, { indicator, subjects: [{ kind, id }] });
    expect(result.errors).toBeUndefined();
    return (result.data.series.lines[0].points as ApiPoint[]).find((p) => p.period === period);
  }

  describe("the issue's examples, verified against the files by hand", () => {
    // csww_indicators_2017_to_2025.csv, Local authority rows:
    //   805 Hartlepool 2023: vacancy_fte 1, inpost_fte 136.9, vacancy_rate_fte 0.7 -> 1 / 137.9
    //   822 Bedford 2025: leavers_fte 4, inpost_fte 110.9, turnover_rate_fte 3.6
    //   383 Leeds 2018: agency_fte 3, inpost_fte 643.5, agency_rate_fte 0.5 -> 3 / 646.5
    //   National 2025: leavers_fte 4276.3, inpost_fte 36186.3, turnover_rate_fte 11.8
    //   886 Kent 2025 agency_rate_fte 13.2: 148 councils print a number that year, 78 lower (better)
    //   -> rank 79 of 148; quantiles Q50 12.75 < 13.2 <= Q75 21.125 -> quartile 3.
    const viewers = ['policy', 'councilKent', 'councilOther', 'practiceKent', 'admin'] as const;
    it.each(viewers)('shows them identically to %s', async (viewer) => {
      expect(await one(viewer, 'COUNCIL', '805', 'workforce_vacancy_rate', 2023)).toMatchObject({
        value: 0.7,
        numerator: 1,
        denominator: 137.9,
        symbol: null,
      });
      expect(await one(viewer, 'COUNCIL', '822', 'workforce_turnover', 2025)).toMatchObject({
        value: 3.6,
        numerator: 4,
        denominator: 110.9,
        symbol: null,
      });
      expect(await one(viewer, 'COUNCIL', '383', 'workforce_agency_rate', 2018)).toMatchObject({
        value: 0.5,
        numerator: 3,
        denominator: 646.5,
        symbol: null,
      });
      expect(await one(viewer, 'ENGLAND', ENGLAND, 'workforce_turnover', 2025)).toMatchObject({
        value: 11.8,
        numerator: 4276.3,
        denominator: 36186.3,
      });
      expect(await one(viewer, 'COUNCIL', '886', 'workforce_agency_rate', 2025)).toMatchObject({
        value: 13.2,
        rank: 79,
        rankOutOf: 148,
        quartile: 3,
      });
    });
  });

  const indicators = Object.keys(dfeParts);

  it('covers every catalogue indicator with a published source', () => {
    const published = [...catalogueById.values()].filter((d) => d.source.startsWith('Published')).map((d) => d.id);
    expect(indicators.sort()).toEqual(published.sort());
  });

  it.each(indicators)('%s: every cell and every rank as in the file, zero differences', async (indicator) => {
    const file = dfeTable(indicator);
    const polarity = catalogueById.get(indicator)!.polarity;
    const places = lait(file, polarity);
    const api = await served('policy', indicator);
    const reachable = new Set(subjects.map((s) => `${s.kind.toLowerCase()}|${s.id}`));

    const differences: string[] = [];
    const expectCell = (key: string, want: FileCell, place: FilePlace | undefined) => {
      const got = api.get(key);
      if (!got) return differences.push(`${key}: in the file, not served`);
      if (got.source !== 'PUBLISHED') differences.push(`${key}: source ${got.source}`);
      for (const field of ['value', 'numerator', 'denominator', 'symbol'] as const) {
        if (got[field] !== want[field]) differences.push(`${key} ${field}: file ${want[field]}, API ${got[field]}`);
      }
      if (key.startsWith('council|')) {
        const rank = place ?? { rank: null, rankOutOf: got.rankOutOf, quartile: null };
        for (const field of ['rank', 'rankOutOf', 'quartile'] as const) {
          if (got[field] !== rank[field]) differences.push(`${key} ${field}: file ${rank[field]}, API ${got[field]}`);
        }
      }
    };
    let compared = 0;
    for (const [key, want] of file) {
      const [kind, id] = key.split('|');
      if (!reachable.has(`${kind}|${id}`)) continue;
      compared++;
      expectCell(key, want, places.get(key));
    }
    for (const key of api.keys()) if (!file.has(key)) differences.push(`${key}: served, not in the file`);

    // Every subject the files name is one the API can be asked about (councils, regions, England).
    const unreachable = [...new Set([...file.keys()].map((k) => k.split('|').slice(0, 2).join('|')))].filter(
      (s) => !reachable.has(s),
    );
    expect(unreachable).toEqual([]);
    expect(differences.slice(0, 20)).toEqual([]);
    expect(differences).toHaveLength(0);
    expect(compared).toBe(file.size);
  });

  it('gives a council viewer the very same published cells and ranks as policy', async () => {
    for (const indicator of ['workforce_agency_rate', 'placements_3plus', 'ks4_attainment8']) {
      const [policy, council] = await Promise.all([served('policy', indicator), served('councilOther', indicator)]);
      expect(council.size).toBe(policy.size);
      expect(Object.fromEntries(council)).toEqual(Object.fromEntries(policy));
    }
  });
});
