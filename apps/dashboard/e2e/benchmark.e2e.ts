import { describe, expect, it } from 'vitest';
import { formatCell, periodLabel } from '../src/format/values';
import { expectNoAxeViolations, graphql, settled, stack, tableText } from './browser';
import { browserSuite } from './suite';

const { skipReason } = stack();

const CONTEXT = /* GraphQL */ `
  query E2EBenchmark($id: ID!) {
    outcomeAreas { area title indicators { id } }
    practice(id: $id) { id name councils { code name } }
    practices { id name }
  }
`;
const SERIES = /* GraphQL */ `
  query E2EPeerSeries($indicatorId: ID!, $subjects: [SubjectInput!]!) {
    series(indicatorId: $indicatorId, subjects: $subjects) {
      indicator { unit decimals periodType }
      periods
      lines { subject { kind id name } points { period value symbol } }
      england { period value symbol }
    }
  }
`;

interface Context {
  outcomeAreas: { area: string; title: string; indicators: { id: string }[] }[];
  practice: { id: string; name: string; councils: { code: string; name: string }[] };
  practices: { id: string; name: string }[];
}
interface Point {
  period: number;
  value: number | null;
  symbol: string | null;
}
interface Series {
  series: {
    indicator: { unit: string; decimals: number; periodType: string };
    periods: number[];
    lines: { subject: { kind: string; id: string; name: string }; points: Point[] }[];
    england: Point[];
  };
}

describe.skipIf(skipReason)('my benchmark', () => {
  const suite = browserSuite();

  it('shows a practice its figures, its host council and England as the API gives them, against pseudonymous peers; no axe violations', async () => {
    const user = suite.user('demo-practice-kent');
    const { context, page, token } = await suite.signedInPage(user);
    const indicatorId = 'placements_3plus';
    await page.goto(`${stack().dashboard}/benchmark?indicator=${indicatorId}`);
    const table = `[data-figure="${indicatorId}"] table`;
    await page.locator(table).waitFor();
    await settled(page);

    const ctx = await graphql<Context>(token, CONTEXT, { id: user.organisation.id });
    expect(await page.getByTestId('benchmark-practice').textContent()).toBe(ctx.practice.name);
    // Peers reach a practice only under pseudonyms: no peer's real name is on the page.
    const peers = ctx.practices.filter((p) => p.id !== ctx.practice.id);
    expect(peers.every((p) => p.id.startsWith('anon-'))).toBe(true);

    const subjects = [
      { kind: 'PRACTICE', id: ctx.practice.id },
      ...peers.map((p) => ({ kind: 'PRACTICE', id: p.id })),
      ...ctx.practice.councils.map((c) => ({ kind: 'COUNCIL', id: c.code })),
    ];
    const answer = await graphql<Series>(token, SERIES, { indicatorId, subjects });
    const spec = answer.series.indicator;
    const periods = [...answer.series.periods].sort((a, b) => a - b);
    const cells = (points: Point[]) =>
      periods.map(
        (p) =>
          formatCell(
            points.find((x) => x.period === p),
            spec,
          ).text,
      );
    const rows = await tableText(page, table);
    expect(rows[0]).toEqual([
      'Practice, council or comparator',
      ...periods.map((p) => periodLabel(p, spec.periodType)),
      expect.stringMatching(/^Rank, /),
    ]);
    const row = (name: string) => rows.find((r) => r[0] === name)?.slice(1, periods.length + 1);
    const own = answer.series.lines.find((l) => l.subject.id === ctx.practice.id)!;
    expect(row(ctx.practice.name)).toEqual(cells(own.points));
    for (const council of answer.series.lines.filter((l) => l.subject.kind === 'COUNCIL')) {
      expect(row(`${council.subject.name} (host council)`)).toEqual(cells(council.points));
    }
    expect(row('England')).toEqual(cells(answer.series.england));
    for (const peer of answer.series.lines.filter(
      (l) => l.subject.kind === 'PRACTICE' && l.subject.id !== ctx.practice.id,
    )) {
      expect(row(peer.subject.name), peer.subject.name).toEqual(cells(peer.points));
    }

    // The scorecard: one card per outcome area with indicators, one row per indicator.
    const areas = ctx.outcomeAreas.filter((a) => a.indicators.length > 0);
    expect(await page.locator('[data-area]').count()).toBe(areas.length);
    for (const area of areas) {
      expect(await page.locator(`[data-area="${area.area}"] tbody tr`).count(), area.area).toBe(area.indicators.length);
    }
    await expectNoAxeViolations(page, 'my benchmark');
    await context.close();
  });

  it('lets policy staff open any practice; a permalink opened fresh shows the same practice and indicator', async () => {
    const policy = suite.user('demo-policy');
    const { context, page } = await suite.signedInPage(policy);
    await page.goto(`${stack().dashboard}/benchmark`);
    await page.getByLabel('Practice', { exact: true }).selectOption('swp-kent');
    await page.getByRole('button', { name: 'Show practice' }).click();
    await page.waitForURL(/practice=swp-kent/);
    await page.locator('[data-area="WORKFORCE"] a').first().click();
    await page.waitForURL(/indicator=workforce_/);
    await page.locator('[data-figure] table').first().waitFor();
    await settled(page);
    const url = page.url();
    const heading = await page.locator('#detail-heading').textContent();
    const shown = await tableText(page, '[data-figure] table');
    await context.close();

    const { context: fresh, page: again } = await suite.openLinkSignedOut(url, policy);
    await again.locator('[data-figure] table').first().waitFor();
    await settled(again);
    expect(await again.locator('#detail-heading').textContent()).toBe(heading);
    expect(await tableText(again, '[data-figure] table')).toEqual(shown);
    await fresh.close();
  });
});
