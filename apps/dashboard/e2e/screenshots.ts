/**
 * Screenshots of each journey for the README (docs/screenshots/*.png). Runs only when SCREENSHOTS=1:
 * `npm run screenshots -w @continuity/dashboard` (starts the stack like the other browser tests).
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { demoUsers, launch, settled, signedInContext, stack, type DemoUser } from './browser';

const out = join(dirname(fileURLToPath(import.meta.url)), '../../../docs/screenshots');
const enabled = process.env.SCREENSHOTS === '1' && !stack().skipReason;

async function shoot(page: Page, name: string, fullPage = true) {
  await settled(page);
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(out, `${name}.png`), fullPage });
}

describe.runIf(enabled)('screenshots', () => {
  let browser: Browser;
  let users: DemoUser[];
  const user = (id: string) => users.find((u) => u.id === id)!;
  beforeAll(async () => {
    mkdirSync(out, { recursive: true });
    browser = await launch();
    users = await demoUsers();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('sign-in', async () => {
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${stack().dashboard}/sign-in`);
    await shoot(page, 'sign-in');
    await context.close();
  });

  it('compare pilots (policy)', async () => {
    const { context } = await signedInContext(browser, user('demo-policy'), { width: 1100 });
    const page = await context.newPage();
    await page.goto(`${stack().dashboard}/?indicator=placements_3plus&council=886&with=region&with=neighbours`);
    await page.locator('svg.recharts-surface').first().waitFor();
    await shoot(page, 'compare-pilots');
    await context.close();
  });

  it('compare pilots: all outcome areas and pilots against comparison councils (policy)', async () => {
    const { context } = await signedInContext(browser, user('demo-policy'), { width: 1100 });
    const page = await context.newPage();
    await page.goto(`${stack().dashboard}/?indicator=placements_3plus&council=886&council=312&show=areas`);
    await page.locator('[data-area] svg.recharts-surface').first().waitFor();
    await shoot(page, 'compare-areas');
    await page.goto(`${stack().dashboard}/?indicator=placements_3plus&council=886&council=312&show=did&ref=2021`);
    await page.getByTestId('did-table').waitFor();
    await page.locator('svg.recharts-surface').first().waitFor();
    await shoot(page, 'compare-did');
    await context.close();
  });

  it('shortage monitor (council)', async () => {
    const { context } = await signedInContext(browser, user('demo-council-kent'), { width: 1100 });
    const page = await context.newPage();
    await page.goto(`${stack().dashboard}/shortages`);
    await page.locator('svg.recharts-surface').first().waitFor();
    await shoot(page, 'shortage-monitor');
    await context.close();
  });

  it('my benchmark (practice)', async () => {
    const { context } = await signedInContext(browser, user('demo-practice-kent'), { width: 1100 });
    const page = await context.newPage();
    await page.goto(`${stack().dashboard}/benchmark`);
    await shoot(page, 'my-benchmark');
    await context.close();
  });

  it('returns (council)', async () => {
    const { context } = await signedInContext(browser, user('demo-council-kent'), { width: 1100 });
    const page = await context.newPage();
    await page.goto(`${stack().dashboard}/returns`);
    // A return whose Header table has the wrong columns: rejected, with its errors listed.
    const work = mkdtempSync(join(tmpdir(), 'continuity-shots-'));
    const fixtures = join(dirname(fileURLToPath(import.meta.url)), '../../../packages/returns/fixtures/hand-written');
    cpSync(fixtures, work, { recursive: true });
    rmSync(join(work, 'return.xml'));
    writeFileSync(join(work, 'header.csv'), 'CHILD,GENDER,BIRTHDAY\n1001,F,15/06/2010\n');
    await page.getByLabel('Children looked after (SSDA903)').check();
    await page.getByLabel('Collection year').selectOption('2025');
    await page.setInputFiles(
      '#return-files',
      readdirSync(work).map((f) => join(work, f)),
    );
    await page.getByRole('button', { name: 'Send return' }).click();
    await page.getByTestId('return-result').waitFor();
    rmSync(work, { recursive: true, force: true });
    await shoot(page, 'returns');
    await context.close();
  });

  it('payments (council): the demo contract and a what-if statement for the latest year', async () => {
    const { context } = await signedInContext(browser, user('demo-council-kent'), { width: 1100 });
    const page = await context.newPage();
    await page.goto(`${stack().dashboard}/payments`);
    const section = page
      .locator('[data-testid="contract"]', { has: page.locator('h2', { hasText: 'Demo outcomes contract' }) })
      .first();
    await section.waitFor({ timeout: 30_000 });
    const id = await section.getAttribute('data-contract-id');
    const period = page.locator(`#whatif-${id}-period`);
    const years = await period
      .locator('option')
      .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
    await period.selectOption(years.at(-1)!);
    await section.getByRole('button', { name: 'Run what-if' }).click();
    await section.getByTestId('whatif-statement').waitFor({ timeout: 30_000 });
    await shoot(page, 'payments');
    await context.close();
  });

  it('compare pilots at 320 px', async () => {
    const { context } = await signedInContext(browser, user('demo-policy'), { width: 320 });
    const page = await context.newPage();
    await page.goto(`${stack().dashboard}/?indicator=placements_3plus&council=886`);
    await page.locator('svg.recharts-surface').first().waitFor();
    await shoot(page, 'compare-pilots-320px');
    await context.close();
  });

  it('every council (council): the LAIT table, the funnel plot and its neighbours', async () => {
    const { context } = await signedInContext(browser, user('demo-council-kent'), { width: 1100 });
    const page = await context.newPage();
    await page.setViewportSize({ width: 1100, height: 1400 });
    await page.goto(`${stack().dashboard}/councils?indicator=placements_3plus&council=886`);
    await page.locator('[data-testid="funnel-chart"] svg.recharts-surface').waitFor();
    // The first screen of the table, then the funnel plot and the neighbours (the full page is 150 rows long).
    await shoot(page, 'every-council', false);
    await page.locator('#funnel-heading').scrollIntoViewIfNeeded();
    await shoot(page, 'every-council-funnel', false);
    await context.close();
  });

  it('administration (admin): users, organisations, audit log', async () => {
    const { context } = await signedInContext(browser, user('demo-admin'), { width: 1100 });
    const page = await context.newPage();
    await page.setViewportSize({ width: 1100, height: 1400 });
    for (const [path, name, testId] of [
      ['/admin/users', 'admin-users', 'users'],
      ['/admin/organisations', 'admin-organisations', 'organisations'],
      ['/admin/audit', 'admin-audit', 'audit'],
    ] as const) {
      await page.goto(`${stack().dashboard}${path}`);
      await page.getByTestId(testId).waitFor();
      await shoot(page, name, false);
    }
    await context.close();
  });
});
