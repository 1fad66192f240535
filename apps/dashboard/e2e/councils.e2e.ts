/**
 * The council table (issue 16): every council for one indicator and year as the API gives it, the
 * same ranks for every viewer, sorting, CSV and spreadsheet downloads, one council's neighbours one
 * by one, and 375 px; axe-core on each state.
 */
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations, graphql, settled, stack, tableText } from './browser';
import { browserSuite } from './suite';
import {
  bandLabel,
  councilName,
  funnelLabel,
  intervalText,
  valueText,
  verdictLabel,
} from '../src/pages/councils/table';

const { skipReason } = stack();

interface Answer {
  series: { periods: number[] };
}
interface Table {
  councilTable: {
    period: number;
    indicator: { unit: string; decimals: number; periodType: string };
    rows: {
      code: string;
      name: string;
      former: boolean;
      lastPeriod: number | null;
      value: number | null;
      symbol: string | null;
      rank: number | null;
      rankOutOf: number | null;
      quartile: number | null;
      interval: { lower: number; upper: number } | null;
      versusEngland: 'BETTER' | 'WORSE' | 'SIMILAR' | null;
      funnel: string | null;
      neighbourCodes: string[];
    }[];
    funnel: { limits: unknown[] } | null;
  };
}
const PERIODS = `query ($id: ID!) { series(indicatorId: $id, subjects: [{ kind: ENGLAND, id: "E92000001" }], source: PUBLISHED) { periods } }`;
const TABLE = `query ($id: ID!, $period: Int!) { councilTable(indicatorId: $id, period: $period) {
  period indicator { unit decimals periodType } funnel { limits { denominator } }
  rows { code name former lastPeriod value symbol rank rankOutOf quartile interval { lower upper } versusEngland funnel neighbourCodes } } }`;
const INDICATOR = 'placements_3plus';

describe.skipIf(skipReason)('every council', () => {
  const suite = browserSuite();

  it('shows every council as the API gives it, the same for every viewer; sorts; downloads; no axe violations', async () => {
    const { context, page, token } = await suite.signedInPage(suite.user('demo-policy'));
    const periods = (await graphql<Answer>(token, PERIODS, { id: INDICATOR })).series.periods;
    const latest = Math.max(...periods);
    const answer = (await graphql<Table>(token, TABLE, { id: INDICATOR, period: latest })).councilTable;
    expect(answer.rows.length).toBeGreaterThan(100);

    await page.goto(`${stack().dashboard}/councils?indicator=${INDICATOR}`);
    await page.locator('[data-testid="council-table"]').waitFor();
    await settled(page);
    const spec = { unit: answer.indicator.unit, decimals: answer.indicator.decimals };
    const shown = await tableText(page, '[data-testid="council-table"] tbody');
    const expected = answer.rows.map((r) => [
      councilName(r, answer.indicator.periodType),
      verdictLabel(r.versusEngland),
      valueText(r, spec),
      intervalText(r.interval, spec),
      r.rank === null ? 'Not ranked' : `${r.rank} of ${r.rankOutOf}`,
      bandLabel(r.quartile),
    ]);
    expect(shown.slice(0, -1).map((r) => r.slice(0, 6))).toEqual(expected);
    expect(shown.at(-1)?.[0]).toBe('England');
    // The funnel plot: drawn, and each council's place on it in the table's last column, as the API says.
    await page.locator('[data-testid="funnel-chart"] svg.recharts-surface').waitFor();
    expect(shown.slice(0, -1).map((r) => r.at(-1))).toEqual(answer.rows.map((r) => funnelLabel(r.funnel)));
    expect(answer.funnel?.limits.length).toBeGreaterThan(10);
    await expectNoAxeViolations(page, 'every council');

    // Published ranks are the same for a council's staff.
    const council = suite.user('demo-council-kent');
    const { context: other, token: councilToken } = await suite.signedInPage(council);
    const theirs = (await graphql<Table>(councilToken, TABLE, { id: INDICATOR, period: latest })).councilTable;
    expect(theirs.rows.map((r) => [r.code, r.rank, r.quartile])).toEqual(
      answer.rows.map((r) => [r.code, r.rank, r.quartile]),
    );
    await other.close();

    // Sort by figure, highest first.
    await page.locator('button[data-sort="value"]').click();
    await page.locator('button[data-sort="value"]').click();
    await page.waitForURL(/sort=value&dir=descending/);
    expect(await page.locator('th[aria-sort="descending"]').textContent()).toContain('Figure');
    const top = Math.max(...answer.rows.flatMap((r) => (r.value === null ? [] : [r.value])));
    const firstName = (await tableText(page, '[data-testid="council-table"] tbody'))[0]![0];
    expect(answer.rows.find((r) => councilName(r, answer.indicator.periodType) === firstName)?.value).toBe(top);

    // Downloads: the CSV has a header, every council and England; the spreadsheet is an XLSX (a zip).
    const csvHref = await page.getByTestId('csv-download').getAttribute('href');
    const csv = await page.evaluate(async (href) => (await fetch(href!)).text(), csvHref);
    const lines = csv.trimEnd().split('\r\n');
    expect(lines).toHaveLength(answer.rows.length + 2);
    expect(lines[0]).toMatch(/^Council code,Council,Value,/);
    await page.getByTestId('xlsx-download').waitFor();
    const xlsxHref = await page.getByTestId('xlsx-download').getAttribute('href');
    const head = await page.evaluate(
      async (href) => Array.from(new Uint8Array(await (await fetch(href!)).arrayBuffer()).slice(0, 4)),
      xlsxHref,
    );
    expect(head).toEqual([0x50, 0x4b, 0x03, 0x04]);
    await context.close();
  });

  it("shows a council's neighbours one by one, in the API's order; fits 375 px; no axe violations", async () => {
    const { context, page, token } = await suite.signedInPage(suite.user('demo-council-kent'), { width: 375 });
    const periods = (await graphql<Answer>(token, PERIODS, { id: INDICATOR })).series.periods;
    const answer = (await graphql<Table>(token, TABLE, { id: INDICATOR, period: Math.max(...periods) })).councilTable;
    const kent = answer.rows.find((r) => r.code === '886')!;
    await page.goto(`${stack().dashboard}/councils?indicator=${INDICATOR}`);
    await page.locator('[data-testid="neighbours-table"]').waitFor();
    await page.locator('#neighbours-council').selectOption('886');
    await page.getByRole('button', { name: 'Show its neighbours' }).click();
    await page.waitForURL(/council=886/);
    const names = (await tableText(page, '[data-testid="neighbours-table"] tbody')).map((r) => r[0]);
    const byCode = new Map(answer.rows.map((r) => [r.code, r.name]));
    expect(names).toEqual([
      `${kent.name} (chosen)`,
      ...kent.neighbourCodes.map((code, i) => `${i + 1}. ${byCode.get(code)}`),
    ]);
    // An earlier year lists the councils reorganised away since, each said to be former.
    const early = (await graphql<Table>(token, TABLE, { id: INDICATOR, period: Math.min(...periods) })).councilTable;
    const former = early.rows.filter((x) => x.former);
    if (former.length > 0) {
      await page.goto(`${stack().dashboard}/councils?indicator=${INDICATOR}&year=${early.period}`);
      await page
        .locator(`[data-testid="council-table"] tr[data-council="${former[0]!.code}"] th`, {
          hasText: '(former council, to ',
        })
        .waitFor();
    }
    // The page does not scroll sideways: the tables scroll in their own regions.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
    await expectNoAxeViolations(page, 'every council, neighbours, 375 px');
    await context.close();
  });
});
