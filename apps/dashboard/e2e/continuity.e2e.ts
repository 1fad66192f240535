/**
 * The continuity ledger (issue 15) in the browser: on the Shortage monitor (Kent's council user, who
 * owns Kent's and its practice's figures; and policy staff, who own neither) and on My benchmark
 * (Kent's practice user). The stack starts without demo returns, so the test first uploads generated
 * returns for 2023-24 through the gateway as the owners would (Kent's 903 and census, its practice's
 * 903 and census: the generator makes their registration numbers agree). Every figure on the page is
 * compared with the API's answer to the same query with the same token; non-owners see small counts
 * as "c".
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ContinuityLedgerQuery } from '../src/graphql/generated';
import { CONTINUITY_LEDGER_QUERY, type LedgerYear } from '../src/pages/continuity/queries';
import { estimateText, outcomesOf, reasonRows } from '../src/pages/continuity/shape';
import { generateCouncilYear, writeCswwXml, writeSsda903Csv } from '../../../packages/returns/src/generator/index';
import { expectNoAxeViolations, graphql, settled, stack, tableText, tokenFor } from './browser';
import { browserSuite } from './suite';

const { skipReason } = stack();

/** A year before the one returns.e2e.ts uploads for Kent (2025), so neither file changes the other's data. */
const YEAR = 2024;
const KENT = '886';
const PRACTICE = 'swp-kent';

async function upload(
  token: string,
  files: readonly { name: string; bytes: Uint8Array }[],
  fields: Record<string, string>,
): Promise<void> {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  for (const f of files) body.append('files', new Blob([new Uint8Array(f.bytes)]), f.name);
  const res = await fetch(`${stack().gateway}/returns`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body,
  });
  const answer = (await res.json()) as { status: string; errors?: unknown[] };
  // accepted, or unchanged when the stack is reused (E2E_GATEWAY_URL) and this ran before
  expect([201, 200], JSON.stringify(answer.errors?.slice(0, 3))).toContain(res.status);
}

type Ledger = NonNullable<ContinuityLedgerQuery['continuityLedger']>;

async function ledgerFor(token: string, kind: 'COUNCIL' | 'PRACTICE', id: string): Promise<Ledger> {
  const data = await graphql<ContinuityLedgerQuery>(token, CONTINUITY_LEDGER_QUERY.source, { subject: { kind, id } });
  expect(data.continuityLedger).not.toBeNull();
  return data.continuityLedger!;
}

function yearOf(ledger: Ledger): LedgerYear {
  const year = ledger.years.find((y) => y.period === YEAR);
  expect(year, `the API has the ledger for ${YEAR}`).toBeDefined();
  return year!;
}

/** The rows the page's tables should hold for one subject, from the API's answer (as ContinuityLedger.tsx renders them). */
function expectedRows(name: string, y: LedgerYear) {
  const headline = [
    `${name}${y.councils > 1 ? ` (${y.councils} councils)` : ''}`,
    String(y.headline.relationships ?? 'c'),
    String(y.headline.medianDays ?? (y.headline.truncated ? 'Not shown' : 'Not reached')),
    estimateText(y.headline.sixMonths),
    estimateText(y.headline.twelveMonths),
  ];
  const curve = y.points.map((p) => [
    String(p.day),
    String(p.atRisk ?? 'c'),
    String(p.events ?? 'c'),
    String(p.censored ?? 'c'),
    `${(p.survival * 100).toFixed(1)}%`,
    `${(p.lower * 100).toFixed(0)}% to ${(p.upper * 100).toFixed(0)}%`,
  ]);
  const outcomes = outcomesOf(y.changes);
  const reasons = reasonRows(y.changes).map((r) => [
    r.label,
    ...outcomes.map((o) => String(o.outcome in r.counts ? (r.counts[o.outcome] ?? r.symbols[o.outcome] ?? 'c') : 0)),
  ]);
  return { headline, curve, reasons };
}

/** Opens `path`, waits for the ledger, and picks YEAR when the page offers several. */
async function openLedger(page: Page, path: string): Promise<void> {
  await page.goto(`${stack().dashboard}${path}`);
  await page.getByTestId('continuity-ledger').waitFor();
  await page.getByTestId('ledger-headline').waitFor({ timeout: 30_000 });
  await settled(page);
  const select = page.locator('#ledger-year');
  if ((await select.count()) > 0) await select.selectOption(String(YEAR));
  await page.getByTestId('ledger-headline').getByText(`year ending 31 March ${YEAR}`).waitFor();
}

/** The page shows the subject's curve (a chart) and reasons (chart and table), with the API's figures. */
async function expectSubject(page: Page, slug: string, name: string, ledger: Ledger): Promise<void> {
  const expected = expectedRows(name, yearOf(ledger));
  const block = `[data-subject="${slug}"]`;
  await page.locator(`${block} [data-figure="continuity-survival"] svg.recharts-surface`).first().waitFor();
  await page.locator(`${block} [data-figure="continuity-reasons"] svg.recharts-surface`).first().waitFor();
  const headline = (await tableText(page, '[data-testid="ledger-headline"]')).find(
    (r) => r[0] === expected.headline[0],
  );
  expect(headline, `${name}: headline row`).toEqual(expected.headline);
  expect(
    (await tableText(page, `${block} [data-figure="continuity-survival"] table`)).slice(1),
    `${name}: curve table`,
  ).toEqual(expected.curve);
  expect((await tableText(page, `${block} [data-testid="ledger-reasons"]`)).slice(1), `${name}: reasons table`).toEqual(
    expected.reasons,
  );
}

describe.skipIf(skipReason)('continuity ledger', () => {
  const suite = browserSuite();

  beforeAll(async () => {
    const generated = generateCouncilYear({
      seed: 'continuity-e2e-ledger',
      councilCode: KENT,
      collectionYear: YEAR,
      children: 160,
      workers: 90,
      practices: [{ id: PRACTICE, share: 0.2 }],
    });
    const practice = generated.practices[0]!;
    const [kent, kentPractice] = [await tokenFor('demo-council-kent'), await tokenFor('demo-practice-kent')];
    const year = { collectionYear: String(YEAR) };
    await upload(kent, writeSsda903Csv(generated.ssda903), { ...year, kind: 'ssda903', councilCode: KENT });
    await upload(kent, [writeCswwXml(generated.csww)], { ...year, kind: 'csww', councilCode: KENT });
    await upload(kentPractice, writeSsda903Csv(practice.ssda903), {
      ...year,
      kind: 'ssda903',
      councilCode: KENT,
      practiceId: PRACTICE,
    });
    await upload(kentPractice, [writeCswwXml(practice.csww)], {
      ...year,
      kind: 'csww',
      councilCode: KENT,
      practiceId: PRACTICE,
    });
  }, 120_000);

  it("shows Kent's council user its own and its practice's ledger on the Shortage monitor, unsuppressed, as the API gives it; no axe violations", async () => {
    const user = suite.user('demo-council-kent');
    const { context, page, token } = await suite.signedInPage(user);
    await openLedger(page, '/shortages');
    const council = await ledgerFor(token, 'COUNCIL', KENT);
    const practice = await ledgerFor(token, 'PRACTICE', PRACTICE);
    expect([council.owned, practice.owned]).toEqual([true, true]);
    await expectSubject(page, `council-${KENT}`, user.organisation.name, council);
    const practiceName = (await page
      .locator(`[data-subject="practice-${PRACTICE}"] [data-figure="continuity-survival"] h3`)
      .textContent())!;
    await expectSubject(page, `practice-${PRACTICE}`, /: (.*), year ending/.exec(practiceName)![1]!, practice);
    // The owner sees every count: nothing is shown as suppressed.
    expect(await page.locator('[data-testid="continuity-ledger"] td', { hasText: /^c$/ }).count()).toBe(0);
    await expectNoAxeViolations(page, 'shortage monitor with the continuity ledger');
    await context.close();
  });

  it("shows Kent's practice its own ledger on My benchmark, as the API gives it; no axe violations", async () => {
    const user = suite.user('demo-practice-kent');
    const { context, page, token } = await suite.signedInPage(user);
    await openLedger(page, '/benchmark');
    const ledger = await ledgerFor(token, 'PRACTICE', user.organisation.id);
    expect(ledger.owned).toBe(true);
    await expectSubject(page, `practice-${user.organisation.id}`, user.organisation.name, ledger);
    // A practice is not shown its host council's ledger here.
    expect(await page.locator(`[data-subject="council-${KENT}"]`).count()).toBe(0);
    await expectNoAxeViolations(page, 'my benchmark with the continuity ledger');
    await context.close();
  });

  it('shows policy staff, who own neither, the same ledger with small counts suppressed (c), as the API gives it', async () => {
    const user = suite.user('demo-policy');
    const { context, page, token } = await suite.signedInPage(user);
    await openLedger(page, `/shortages?council=${KENT}`);
    const council = await ledgerFor(token, 'COUNCIL', KENT);
    expect(council.owned).toBe(false);
    await expectSubject(page, `council-${KENT}`, 'Kent', council);
    const year = yearOf(council);
    const suppressed =
      year.changes.filter((c) => c.changes === null && c.symbol === 'c').length +
      year.points.filter((p) => p.atRisk === null).length;
    expect(suppressed, 'some small counts are suppressed for a non-owner').toBeGreaterThan(0);
    expect(await page.locator(`[data-subject="council-${KENT}"] td`, { hasText: /^c$/ }).count()).toBeGreaterThan(0);
    await expectNoAxeViolations(page, 'shortage monitor with the continuity ledger, as policy staff');
    await context.close();
  });
});
