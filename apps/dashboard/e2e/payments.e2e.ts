/**
 * Payments (issue 6): a council creates a contract from the page, runs a what-if, issues a statement;
 * the practice then sees the same statement's total. Issue 18: the practice previews its next
 * statement, the council issues it, the practice disputes a line and the council answers. Figures are
 * compared with the API's answer to the same token; axe-core on every state; 320 px reflow.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { formatPence } from '../src/pages/payments/money';
import { expectNoAxeViolations, graphql, settled, stack } from './browser';
import { browserSuite } from './suite';

const { skipReason } = stack();

const STATEMENTS = /* GraphQL */ `
  query E2EStatements($contractId: ID!) {
    statements(contractId: $contractId) { id period status totalPence earnedPence fixedFeePence lines { indicatorId outcome earnedPence } }
  }
`;
const PREVIEW = /* GraphQL */ `
  query E2EPreview($contractId: ID!, $period: Int!, $terms: TermsInput) {
    previewStatement(contractId: $contractId, period: $period, terms: $terms) { totalPence termsOverridden status }
  }
`;

interface StatementsAnswer {
  statements: {
    id: string;
    period: number;
    status: string;
    totalPence: number;
    earnedPence: number;
    fixedFeePence: number;
  }[];
}

async function fitsWidth(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);
}

describe.skipIf(skipReason)('payments', () => {
  const suite = browserSuite();

  it('a council creates a contract, runs a what-if and issues a statement; the practice sees the same total; no axe violations', async () => {
    const council = suite.user('demo-council-kent');
    const { context, page, token } = await suite.signedInPage(council);
    await page.goto(`${stack().dashboard}/payments`);
    await page.locator('h1', { hasText: 'Payments' }).waitFor();
    await settled(page);
    expect(await page.locator('.govuk-service-navigation__list a', { hasText: 'Payments' }).count()).toBe(1);

    // The empty state (a fresh database) offers the form; otherwise it is folded under "Create another contract".
    if ((await page.getByTestId('payments-empty').count()) > 0) {
      await expectNoAxeViolations(page, 'payments, empty, council');
    } else {
      await page.getByText('Create another contract').click();
    }
    await page.locator('#create-name').waitFor();

    // Validation: an error summary that takes focus and links to the field.
    await page.locator('#create-fixed-fee').fill('ten pounds');
    await page.getByRole('button', { name: 'Create contract' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    expect(await page.evaluate(() => document.activeElement?.classList.contains('govuk-error-summary'))).toBe(true);
    const summary = await page.locator('.govuk-error-summary__list').textContent();
    expect(summary).toContain('Enter a name for the contract');
    expect(summary).toContain('Enter the fixed fee in pounds');
    await expectNoAxeViolations(page, 'payments, create contract with errors');

    const name = `E2E contract ${Date.now()}`;
    await page.locator('#create-name').fill(name);
    await page.locator('#create-start').fill('2023');
    await page.locator('#create-end').fill('2024');
    await page.locator('#create-fixed-fee').fill('10,000');
    await page.locator('#create-pot').fill('50000.50');
    await page.locator('#create-level').fill('10');
    await page.getByRole('button', { name: 'Create contract' }).click();

    const section = page.locator('[data-testid="contract"]', { has: page.locator('h2', { hasText: name }) });
    await section.waitFor({ timeout: 30_000 });
    const contractId = await section.getAttribute('data-contract-id');
    expect(contractId).toBeTruthy();
    expect(await section.textContent()).toContain('fixed fee £10,000.00, outcome-linked pot £50,000.50');
    expect(await section.textContent()).toContain('No statement has been issued for this contract yet.');

    // What-if: a different target and a linear rule, for 2023-24.
    const prefix = `whatif-${contractId}`;
    await page.locator(`#${prefix}-period`).selectOption('2024');
    await page.locator(`#${prefix}-indicator-0-target`).fill('25');
    await page.locator(`#${prefix}-indicator-0-partial-LINEAR`).check();
    await page.locator(`#${prefix}-indicator-0-floor`).fill('');
    await page.getByRole('button', { name: 'Run what-if' }).click();
    await page.locator('.govuk-error-summary', { hasText: 'enter the floor' }).waitFor();
    await page.locator(`#${prefix}-indicator-0-floor`).fill('40');
    await page.getByRole('button', { name: 'Run what-if' }).click();
    const whatIf = section.getByTestId('whatif-statement');
    await whatIf.waitFor({ timeout: 30_000 });
    expect(await whatIf.textContent()).toContain('Not issued: what-if');
    const preview = await graphql<{
      previewStatement: { totalPence: number; termsOverridden: boolean; status: string };
    }>(token, PREVIEW, {
      contractId,
      period: 2024,
      terms: {
        fixedFeePence: 1_000_000,
        outcomePotPence: 5_000_050,
        missingData: 'TREAT_AS_NOT_MET',
        indicators: [
          {
            indicatorId: 'placements_3plus',
            weight: 1,
            target: { type: 'ABSOLUTE', level: 25 },
            partial: { type: 'LINEAR', floor: 40 },
          },
        ],
      },
    });
    expect(preview.previewStatement.status).toBe('PREVIEW');
    expect(await whatIf.getByTestId('statement-total').textContent()).toBe(
      formatPence(preview.previewStatement.totalPence),
    );
    expect(await whatIf.getByTestId('statement-csv').count()).toBe(1);
    await expectNoAxeViolations(page, 'payments, what-if');

    // Issue, with a confirmation step.
    await section.locator(`#issue-${contractId}-period`).selectOption('2024');
    await section.getByRole('button', { name: 'Issue statement' }).click();
    await section.getByRole('button', { name: 'Cancel' }).click();
    await section.getByRole('button', { name: 'Issue statement' }).click();
    await section.getByRole('button', { name: 'Yes, issue the statement' }).click();
    await section.locator('.govuk-panel__title', { hasText: 'Statement issued' }).waitFor({ timeout: 30_000 });
    const answer = await graphql<StatementsAnswer>(token, STATEMENTS, { contractId });
    expect(answer.statements).toHaveLength(1);
    const issued = answer.statements[0]!;
    expect(issued.status).toBe('ISSUED');
    expect(issued.period).toBe(2024);
    const total = formatPence(issued.totalPence);
    expect(await section.locator('.govuk-panel__body').textContent()).toContain(total);
    // The list, fetched again, holds the issued statement too.
    await section.locator('table caption', { hasText: 'Issued statements' }).waitFor({ timeout: 30_000 });
    await expect
      .poll(() => section.locator('[data-testid="statement"] [data-testid="statement-total"]').first().textContent())
      .toBe(total);
    expect(await section.getByTestId('statement-sha256').first().textContent()).toMatch(/^[0-9a-f]{64}$/);
    await expectNoAxeViolations(page, 'payments, issued');
    // The council's page (forms, statement tables) reflows at 320 px: wide tables scroll in their own region.
    await page.setViewportSize({ width: 320, height: 900 });
    expect(await fitsWidth(page)).toBe(true);
    await context.close();

    // The practice sees the same statement and total, at 320 px too.
    const practice = suite.user('demo-practice-kent');
    const { context: pContext, page: pPage, token: pToken } = await suite.signedInPage(practice, { width: 320 });
    await pPage.goto(`${stack().dashboard}/payments`);
    const pSection = pPage.locator('[data-testid="contract"]', { has: pPage.locator('h2', { hasText: name }) });
    await pSection.waitFor({ timeout: 30_000 });
    await settled(pPage);
    expect(
      await pSection.locator('[data-testid="statement"] [data-testid="statement-total"]').first().textContent(),
    ).toBe(total);
    // The CSV link holds the API's own export for this viewer, byte for byte.
    const { statement } = await graphql<{ statement: { csv: string } }>(
      pToken,
      `query E2ECsv($id: ID!) { statement(id: $id) { csv } }`,
      { id: issued.id },
    );
    const href = await pSection
      .locator('[data-testid="statement"] [data-testid="statement-csv"]')
      .first()
      .getAttribute('href');
    expect(await pPage.evaluate(async (url) => (await fetch(url!)).text(), href)).toBe(statement.csv);
    // No what-if or issuing for the practice.
    expect(await pPage.getByRole('button', { name: 'Run what-if' }).count()).toBe(0);
    expect(await pPage.getByRole('button', { name: 'Issue statement' }).count()).toBe(0);
    expect(await fitsWidth(pPage)).toBe(true);
    await expectNoAxeViolations(pPage, 'payments, practice, 320px');
    await pContext.close();
  });

  it('issue 18: the council writes a rate-card contract, the practice previews, the council issues, the practice disputes a line and the council answers; no axe violations', async () => {
    const council = suite.user('demo-council-kent');
    const practice = suite.user('demo-practice-kent');
    // The council writes a rate-card contract on the form: £12.50 per child counted, capped at £100.00 a year.
    const { context, page } = await suite.signedInPage(council);
    const name = `E2E rate card ${Date.now()}`;
    await page.goto(`${stack().dashboard}/payments`);
    await page.locator('h1', { hasText: 'Payments' }).waitFor();
    await settled(page);
    if ((await page.getByTestId('payments-empty').count()) === 0)
      await page.getByText('Create another contract').click();
    await page.locator('#create-name').fill(name);
    await page.locator('#create-start').fill('2024');
    await page.locator('#create-end').fill('2024');
    await page.locator('#create-fixed-fee').fill('1,000');
    await page.locator('#create-pot').fill('99.99');
    await page.locator('#create-level').fill('10');
    await page.locator('#create-rate-indicator').selectOption('placements_3plus');
    await page.locator('#create-rate-price').fill('12.50');
    await page.locator('#create-rate-year-cap').fill('100');
    await page.getByRole('button', { name: 'Create contract' }).click();
    const created = page.locator('[data-testid="contract"]', { has: page.locator('h2', { hasText: name }) });
    await created.waitFor({ timeout: 30_000 });
    const contractId = (await created.getAttribute('data-contract-id'))!;
    await context.close();

    // The practice previews its own next statement (current terms, not issued).
    const p = await suite.signedInPage(practice);
    await p.page.goto(`${stack().dashboard}/payments`);
    const pSection = p.page.locator('[data-testid="contract"]', { has: p.page.locator('h2', { hasText: name }) });
    await pSection.waitFor({ timeout: 30_000 });
    await pSection.getByRole('button', { name: 'Preview my statement' }).click();
    const preview = pSection.getByTestId('whatif-statement');
    await preview.waitFor({ timeout: 30_000 });
    expect(await preview.textContent()).toContain('Not issued: preview');
    const api = await graphql<{ previewStatement: { totalPence: number; rateCardPence: number | null } }>(
      p.token,
      `query E2ERatePreview($contractId: ID!) { previewStatement(contractId: $contractId, period: 2024) { totalPence rateCardPence } }`,
      { contractId },
    );
    expect(await preview.getByTestId('statement-total').textContent()).toBe(
      formatPence(api.previewStatement.totalPence),
    );
    // the rate card is shown with what it pays, at most the £100.00 yearly cap
    expect(api.previewStatement.rateCardPence).not.toBeNull();
    expect(api.previewStatement.rateCardPence!).toBeLessThanOrEqual(10_000);
    expect(await preview.getByTestId('rate-card').textContent()).toContain(
      `rate card, ${formatPence(api.previewStatement.rateCardPence)} paid`,
    );
    await expectNoAxeViolations(p.page, 'payments, practice preview');
    await p.context.close();

    // The council issues it.
    const c = await suite.signedInPage(council);
    await c.page.goto(`${stack().dashboard}/payments`);
    const cSection = c.page.locator('[data-testid="contract"]', { has: c.page.locator('h2', { hasText: name }) });
    await cSection.waitFor({ timeout: 30_000 });
    await cSection.locator(`#issue-${contractId}-period`).selectOption('2024');
    await cSection.getByRole('button', { name: 'Issue statement' }).click();
    await cSection.getByRole('button', { name: 'Yes, issue the statement' }).click();
    await cSection.locator('.govuk-panel__title', { hasText: 'Statement issued' }).waitFor({ timeout: 30_000 });
    await c.context.close();

    // The practice disputes a line.
    const p2 = await suite.signedInPage(practice);
    await p2.page.goto(`${stack().dashboard}/payments`);
    const p2Section = p2.page.locator('[data-testid="contract"]', { has: p2.page.locator('h2', { hasText: name }) });
    const verification = p2Section.getByTestId('verification');
    await verification.waitFor({ timeout: 30_000 });
    await verification.getByText('No line of this statement is disputed.').waitFor({ timeout: 30_000 });
    await verification.getByLabel('Why you dispute it').fill('Two moves were one placement recorded twice.');
    await verification.getByRole('button', { name: 'Raise dispute' }).click();
    await verification.locator('[data-testid="dispute"][data-state="OPEN"]').waitFor({ timeout: 30_000 });
    expect(await verification.getByTestId('dispute').textContent()).toContain(
      'Two moves were one placement recorded twice.',
    );
    await expectNoAxeViolations(p2.page, 'payments, practice dispute raised');
    await p2.context.close();

    // The council answers it; the history shows both steps.
    const c2 = await suite.signedInPage(council);
    await c2.page.goto(`${stack().dashboard}/payments`);
    const c2Section = c2.page.locator('[data-testid="contract"]', { has: c2.page.locator('h2', { hasText: name }) });
    const cVerification = c2Section.getByTestId('verification');
    await cVerification.locator('[data-testid="dispute"][data-state="OPEN"]').waitFor({ timeout: 30_000 });
    await cVerification.getByLabel('Your answer').fill('Checked against the return: rejected, the moves are distinct.');
    await cVerification.getByRole('button', { name: 'Reject' }).click();
    await cVerification.locator('[data-testid="dispute"][data-state="REJECTED"]').waitFor({ timeout: 30_000 });
    const text = await cVerification.getByTestId('dispute').textContent();
    expect(text).toContain('raised: Two moves were one placement recorded twice.');
    expect(text).toContain('rejected: Checked against the return');
    const { statements } = await graphql<{ statements: { disputes: { state: string }[] }[] }>(
      c2.token,
      `query E2EDisputes($contractId: ID!) { statements(contractId: $contractId) { disputes { state } } }`,
      { contractId },
    );
    expect(statements.map((s) => s.disputes.map((d) => d.state))).toEqual([['REJECTED']]);
    await expectNoAxeViolations(c2.page, 'payments, council answered a dispute');
    await c2.context.close();
  });

  it('shows policy staff the contracts page', async () => {
    const { context, page } = await suite.signedInPage(suite.user('demo-policy'));
    await page.goto(`${stack().dashboard}/payments`);
    await page.locator('h1', { hasText: 'Payments' }).waitFor();
    await settled(page);
    expect(await page.locator('#create-name').count()).toBe(0);
    await expectNoAxeViolations(page, 'payments, policy');
    await context.close();
  });
});
