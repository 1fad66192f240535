import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReconciliationQuery } from '../src/graphql/generated';
import { RECONCILIATION_QUERY } from '../src/pages/returns/queries';
import { reconciliationTable } from '../src/pages/returns/reconcile';
import { expectNoAxeViolations, graphql, stack, tableText } from './browser';
import { browserSuite } from './suite';

const { skipReason } = stack();
const fixtures = join(dirname(fileURLToPath(import.meta.url)), '../../../packages/returns/fixtures/hand-written');

/** The last NDJSON line of the upload's answer: what the page must show. */
async function uploadAnswer(page: Page, send: () => Promise<void>): Promise<Record<string, unknown>> {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/returns') && r.request().method() === 'POST'),
    send(),
  ]);
  const lines = (await response.text()).trim().split('\n');
  expect(response.headers()['content-type']).toContain('application/x-ndjson');
  return JSON.parse(lines[lines.length - 1]!) as Record<string, unknown>;
}

describe.skipIf(skipReason)('returns', () => {
  const suite = browserSuite();
  let work: string;
  let good: string[];
  let bad: string[];
  let many: string;
  beforeAll(async () => {
    // The hand-written SSDA903 fixtures (CSV), and a copy whose Header table has the wrong columns.
    work = mkdtempSync(join(tmpdir(), 'continuity-returns-e2e-'));
    cpSync(fixtures, join(work, 'good'), { recursive: true });
    rmSync(join(work, 'good', 'return.xml'));
    writeFileSync(
      join(work, 'good', 'sw.csv'),
      'CHILD,DOB,SW_ID,SW_DECOM,SW_DEC,SW_REASON\n1001,15/06/2010,SW7,01/03/2024,,\n',
    );
    cpSync(join(work, 'good'), join(work, 'bad'), { recursive: true });
    writeFileSync(join(work, 'bad', 'header.csv'), 'CHILD,GENDER,BIRTHDAY\n1001,F,15/06/2010\n');
    good = readdirSync(join(work, 'good')).map((f) => join(work, 'good', f));
    bad = readdirSync(join(work, 'bad')).map((f) => join(work, 'bad', f));
    // 150 Header rows each failing rules 101, 102, 103 and 165, and EPI (a warning): over the 100 a rule kept.
    const rows = ['CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB'];
    for (let i = 0; i < 150; i++) rows.push(`${100000 + i},X,31/02/2010,ZZZZ,BAD,7,99/99/9999`);
    many = join(work, 'header.csv');
    writeFileSync(many, `${rows.join('\n')}\n`);
  });
  afterAll(() => {
    rmSync(work, { recursive: true, force: true });
  });

  it('checks the form, then uploads a council return with progress, and lists every error of a rejected one as the API gives it', async () => {
    const { context, page } = await suite.signedInPage(suite.user('demo-council-kent'));
    await page.goto(`${stack().dashboard}/returns`);
    await page.getByRole('button', { name: 'Send return' }).waitFor();
    await expectNoAxeViolations(page, 'returns');

    await page.getByRole('button', { name: 'Send return' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    expect(await page.locator('.govuk-error-summary__list li').allTextContents()).toEqual([
      'Select the kind of return',
      'Select the files of the return',
    ]);
    await expectNoAxeViolations(page, 'returns with errors');

    await page.getByLabel('Children looked after (SSDA903)').check();
    await page.getByLabel('Collection year').selectOption('2025');
    await page.setInputFiles('#return-files', bad);
    const rejected = await uploadAnswer(page, () => page.getByRole('button', { name: 'Send return' }).click());
    expect(rejected.status).toBe('rejected');
    await page.getByTestId('return-result').waitFor();
    expect(await page.getByTestId('return-result').getAttribute('data-status')).toBe('rejected');
    const errors = rejected.errors as {
      file: string;
      row: number;
      column: string;
      rule: string;
      message: string;
      value: string;
    }[];
    const rows = (await tableText(page, '[data-testid="return-errors"]')).slice(1);
    expect(rows).toEqual(
      errors
        .slice(0, 200)
        .map((e) => [
          e.file || 'The return',
          e.row === 0 ? 'Whole file' : String(e.row),
          e.column || '-',
          e.rule,
          e.message,
          e.value === '' ? 'blank' : e.value,
        ]),
    );
    expect(await page.getByTestId('progress-status').textContent()).not.toBe('');
    // The history (from the API's `submissions`) is asked for again after the upload and shows it first.
    const rejectedRow = page.locator(
      `[data-testid="return-history-row"][data-submission-id="${String(rejected.submissionId)}"]`,
    );
    await rejectedRow.waitFor();
    expect(await rejectedRow.getAttribute('data-status')).toBe('rejected');
    expect(await page.getByTestId('return-history-row').first().getAttribute('data-submission-id')).toBe(
      String(rejected.submissionId),
    );
    expect(await rejectedRow.locator('.govuk-tag').textContent()).toBe('Rejected');
    expect(await rejectedRow.locator('td').nth(6).textContent()).toBe(errors.length.toLocaleString('en-GB'));
    await expectNoAxeViolations(page, 'a rejected return');

    await page.setInputFiles('#return-files', good);
    const accepted = await uploadAnswer(page, () => page.getByRole('button', { name: 'Send return' }).click());
    expect(['accepted', 'unchanged']).toContain(accepted.status);
    await page.locator(`[data-testid="return-result"][data-status="${String(accepted.status)}"]`).waitFor();
    if (accepted.status === 'accepted')
      expect(await page.locator('.govuk-panel__body').textContent()).toContain(String(accepted.submissionId));
    const acceptedRow = page.locator(
      `[data-testid="return-history-row"][data-submission-id="${String(accepted.submissionId)}"][data-status="accepted"]`,
    );
    await acceptedRow.waitFor();
    if (accepted.status === 'accepted') {
      expect(await page.getByTestId('return-history-row').first().getAttribute('data-submission-id')).toBe(
        String(accepted.submissionId),
      );
    }
    expect(
      await page
        .locator(`[data-testid="return-history-row"][data-submission-id="${String(rejected.submissionId)}"]`)
        .count(),
    ).toBe(1);
    await context.close();
  });

  it("shows the council its figures against DfE's as the API's reconciliation gives them, with a CSV", async () => {
    // After the accepted return above: Kent's computed figures for 2025 beside DfE's published ones.
    const { context, page, token } = await suite.signedInPage(suite.user('demo-council-kent'));
    await page.goto(`${stack().dashboard}/returns`);
    await page.getByTestId('reconciliation-table').waitFor();
    const answer = await graphql<ReconciliationQuery>(token, RECONCILIATION_QUERY.source, { code: '886' });
    const expected = reconciliationTable(answer.reconciliation ?? []);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.some((r) => r.published !== 'Not published')).toBe(true);
    const rows = (await tableText(page, '[data-testid="reconciliation-table"]')).slice(1);
    expect(rows).toEqual(
      expected.map((r) => [r.indicator, r.year, r.computed, r.published, r.difference, r.reasons.join(' ')]),
    );
    expect(await page.getByTestId('reconciliation').getByTestId('csv-download').textContent()).toContain(
      `${expected.length} rows`,
    );
    await expectNoAxeViolations(page, 'returns with the reconciliation');
    await context.close();
  });

  it('shows a return with more issues than are kept: the totals, a line for each rule cut short, the history (issue 11)', async () => {
    const { context, page } = await suite.signedInPage(suite.user('demo-council-kent'));
    await page.goto(`${stack().dashboard}/returns`);
    await page.getByLabel('Children looked after (SSDA903)').check();
    await page.getByLabel('Collection year').selectOption('2025');
    await page.setInputFiles('#return-files', [many]);
    const answer = await uploadAnswer(page, () => page.getByRole('button', { name: 'Send return' }).click());
    // 150 x 4 errors and CONT-TABLES twice (no Episodes, no SWEpisodes); 150 warnings.
    expect(answer).toMatchObject({ status: 'rejected', errorTotal: 602, warningTotal: 150 });
    await page.getByTestId('return-result').waitFor();
    expect(await page.locator('#result-heading').textContent()).toBe('Return rejected: 602 errors');
    expect(await page.locator('#return-errors-title').textContent()).toBe('Errors (602)');
    expect(await page.getByTestId('return-errors-capped').locator('li').allTextContents()).toEqual(
      ['101', '102', '103', '165'].map((rule) => `Rule ${rule}: 50 more`),
    );
    expect(await page.getByTestId('return-warnings-capped').locator('li').allTextContents()).toEqual([
      'Rule EPI: 50 more',
    ]);
    const errors = answer.errors as {
      file: string;
      row: number;
      column: string;
      rule: string;
      message: string;
      value: string;
      more?: number;
    }[];
    expect(errors).toHaveLength(406);
    const rows = (await tableText(page, '[data-testid="return-errors"]')).slice(1);
    expect(rows).toEqual(
      errors
        .slice(0, 200)
        .map((e) =>
          e.more !== undefined
            ? [e.file || 'The return', 'Not listed', '-', e.rule, e.message, '-']
            : [
                e.file || 'The return',
                e.row === 0 ? 'Whole file' : String(e.row),
                e.column || '-',
                e.rule,
                e.message,
                e.value === '' ? 'blank' : e.value,
              ],
        ),
    );
    expect(rows).toContainEqual([
      'header.csv',
      'Not listed',
      '-',
      '101',
      'And 50 more errors like this under rule 101, not listed.',
      '-',
    ]);
    const row = page.locator(`[data-testid="return-history-row"][data-submission-id="${String(answer.submissionId)}"]`);
    await row.waitFor();
    expect(await row.locator('td').nth(6).textContent()).toBe('602');
    expect(await row.locator('td').nth(7).textContent()).toBe('150');
    await expectNoAxeViolations(page, 'a rejected return with issues not listed');
    await context.close();
    // axe over two long tables: 18 s on an idle machine.
  }, 120_000);

  it('sends a practice return for its own practice and council', async () => {
    const { context, page } = await suite.signedInPage(suite.user('demo-practice-kent'));
    await page.goto(`${stack().dashboard}/returns`);
    await page.getByText('Practice:').waitFor();
    expect(await page.locator('#return-council-name').textContent()).toContain('Kent');
    await page.getByLabel('Children looked after (SSDA903)').check();
    await page.getByLabel('Collection year').selectOption('2025');
    await page.setInputFiles('#return-files', bad);
    const answer = await uploadAnswer(page, () => page.getByRole('button', { name: 'Send return' }).click());
    expect(answer).toMatchObject({ status: 'rejected', councilCode: '886', practiceId: 'swp-kent' });
    await page.getByTestId('return-result').waitFor();
    // The practice's history holds its own practice's returns only (the council's are not listed).
    await page
      .locator(`[data-testid="return-history-row"][data-submission-id="${String(answer.submissionId)}"]`)
      .waitFor();
    const forCells = await page
      .getByTestId('return-history-row')
      .evaluateAll((rows) => rows.map((r) => r.children[3]?.textContent ?? ''));
    expect(forCells.length).toBeGreaterThan(0);
    for (const cell of forCells) expect(cell).toBe('Practice swp-kent, council 886');
    await context.close();
  });
});
