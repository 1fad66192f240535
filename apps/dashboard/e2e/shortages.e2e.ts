import { describe, expect, it } from 'vitest';
import { formatValue, periodLabel } from '../src/format/values';
import { expectNoAxeViolations, graphql, settled, stack, tableText } from './browser';
import { browserSuite } from './suite';

const { skipReason } = stack();

const WORKFORCE = /* GraphQL */ `
  query E2EWorkforce($code: ID!) {
    indicators(area: WORKFORCE) { id title unit decimals periodType }
    council(code: $code) { name statisticalNeighbours { code } }
  }
`;
const SERIES = /* GraphQL */ `
  query E2ECouncilSeries($indicatorId: ID!, $code: ID!) {
    series(indicatorId: $indicatorId, subjects: [{ kind: COUNCIL, id: $code }]) {
      lines { points { period value } }
    }
  }
`;

interface Indicator {
  id: string;
  title: string;
  unit: string;
  decimals: number;
  periodType: string;
}

/** The council's latest figure for each workforce indicator, as the standings table should show it. */
async function expectedLatest(token: string, code: string): Promise<Map<string, string>> {
  const { indicators } = await graphql<{ indicators: Indicator[] }>(token, WORKFORCE, { code });
  const result = new Map<string, string>();
  for (const indicator of indicators) {
    const answer = await graphql<{ series: { lines: { points: { period: number; value: number | null }[] }[] } }>(
      token,
      SERIES,
      { indicatorId: indicator.id, code },
    );
    const latest = answer.series.lines[0]!.points.filter((p) => p.value !== null).sort(
      (a, b) => b.period - a.period,
    )[0];
    result.set(
      indicator.title,
      latest
        ? `${formatValue(latest.value!, indicator)} (${periodLabel(latest.period, indicator.periodType)})`
        : 'No figure',
    );
  }
  return result;
}

const BAND_ORDER = [
  'Worst quarter of neighbours',
  'Below neighbours\u2019 middle',
  'Above neighbours\u2019 middle',
  'Best quarter of neighbours',
  'Cannot be placed',
];

describe.skipIf(skipReason)('shortage monitor', () => {
  const suite = browserSuite();

  for (const userId of ['demo-council-kent', 'demo-council-hillingdon']) {
    it(`shows ${userId}'s own council, each latest figure as the API gives it, worst first; no axe violations`, async () => {
      const user = suite.user(userId);
      const { context, page, token } = await suite.signedInPage(user);
      // A council user always sees its own council, whatever the link says.
      await page.goto(`${stack().dashboard}/shortages?council=${user.organisation.id === '886' ? '312' : '886'}`);
      await page.getByTestId('standings').waitFor();
      await settled(page);
      expect(await page.getByTestId('shortage-council').textContent()).toBe(user.organisation.name);
      const expected = await expectedLatest(token, user.organisation.id);
      const rows = (await tableText(page, '[data-testid="standings"]')).slice(1);
      expect(rows.length).toBe(expected.size);
      for (const row of rows) expect(row[1], row[0]).toBe(expected.get(row[0]!));
      const bands = rows.map((r) => BAND_ORDER.indexOf(r[3]!));
      expect(bands.every((b) => b >= 0)).toBe(true);
      expect([...bands].sort((a, b) => a - b)).toEqual(bands);
      await page.locator('svg.recharts-surface').first().waitFor();
      if (userId === 'demo-council-kent') await expectNoAxeViolations(page, 'shortage monitor');
      await context.close();
    });
  }

  it('lets policy staff choose a council, and a permalink opened fresh shows the same council and years', async () => {
    const policy = suite.user('demo-policy');
    const { context, page } = await suite.signedInPage(policy);
    await page.goto(`${stack().dashboard}/shortages`);
    await page.getByLabel('Council', { exact: true }).selectOption('312');
    await page.getByRole('button', { name: 'Show council' }).click();
    await page.waitForURL(/council=312/);
    await page.getByTestId('standings').waitFor();
    await page.getByLabel('From').selectOption({ index: 2 });
    await page.getByRole('button', { name: 'Show these years' }).click();
    await page.waitForURL(/from=\d{4}/);
    await settled(page);
    const url = page.url();
    const standings = await tableText(page, '[data-testid="standings"]');
    const firstChart = await page.locator('[data-figure] h3').first().textContent();
    await context.close();

    const { context: fresh, page: again } = await suite.openLinkSignedOut(url, policy);
    await again.getByTestId('standings').waitFor();
    await settled(again);
    expect(await again.getByTestId('shortage-council').textContent()).toBe('Hillingdon');
    expect(await tableText(again, '[data-testid="standings"]')).toEqual(standings);
    expect(await again.locator('[data-figure] h3').first().textContent()).toBe(firstChart);
    await fresh.close();
  });

  it('is not offered to a practice, which is told so plainly', async () => {
    const { context, page } = await suite.signedInPage(suite.user('demo-practice-kent'));
    await page.goto(`${stack().dashboard}/shortages`);
    await page.getByRole('heading', { name: 'You cannot see this page' }).waitFor();
    await expectNoAxeViolations(page, 'not allowed');
    await context.close();
  });
});
