import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations, settled, stack } from './browser';
import { browserSuite } from './suite';

const { skipReason } = stack();

/** Where each role lands after signing in, and the journeys in its navigation. */
const HOME: Record<string, { path: string; nav: string[] }> = {
  policy: { path: '/', nav: ['Compare pilots', 'Shortage monitor', 'My benchmark', 'Payments'] },
  admin: { path: '/', nav: ['Compare pilots', 'Shortage monitor', 'My benchmark'] },
  council: { path: '/shortages', nav: ['Shortage monitor', 'Compare pilots', 'Returns', 'Payments'] },
  practice: { path: '/benchmark', nav: ['My benchmark', 'Compare pilots', 'Returns', 'Payments'] },
};

const HEADINGS: Record<string, string | ((role: string) => string)> = {
  '/': 'Compare pilots',
  '/shortages': 'Shortage monitor',
  '/benchmark': (role) => (role === 'practice' ? 'My benchmark' : 'Practice benchmark'),
  '/returns': 'Send a return',
};
const JOURNEY_ROLES: Record<string, string[]> = {
  '/': ['policy', 'admin', 'council', 'practice'],
  '/shortages': ['policy', 'admin', 'council'],
  '/benchmark': ['policy', 'admin', 'practice'],
  '/returns': ['council', 'practice'],
};

describe.skipIf(skipReason)('sign in', () => {
  const suite = browserSuite();

  it('sends a signed-out visitor to the sign-in page, which lists every demo user the gateway offers', async () => {
    const context = await suite.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${stack().dashboard}/shortages?council=886`);
    await page.waitForURL(/\/sign-in\?next=/);
    expect(new URL(page.url()).searchParams.get('next')).toBe('/shortages?council=886');
    await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
    await settled(page);
    const labels = await page.locator('.govuk-radios__label').allTextContents();
    expect(labels).toEqual(suite.users.map((u) => u.name));
    await expectNoAxeViolations(page, 'sign-in');

    // No choice: the GOV.UK error summary, focused.
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    expect(await page.evaluate(() => document.activeElement?.classList.contains('govuk-error-summary'))).toBe(true);
    expect(await page.title()).toMatch(/^Error: /);
    await expectNoAxeViolations(page, 'sign-in with an error');
    await context.close();
  });

  it('signs in as each demo role, lands on its journey, shows who is signed in, opens only its journeys and signs out', async () => {
    for (const user of suite.users) {
      const home = HOME[user.role];
      expect(home, `a home for role ${user.role}`).toBeDefined();
      const context = await suite.browser.newContext();
      const page = await context.newPage();
      await page.goto(`${stack().dashboard}/sign-in`);
      await page.getByLabel(user.name).check();
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL((url) => url.pathname === home!.path);
      await expect.poll(() => page.getByTestId('signed-in-as').textContent()).toContain(user.name);
      const nav = await page.locator('.govuk-service-navigation__list a').allTextContents();
      expect(nav, user.id).toEqual(home!.nav);
      // The token is sent on data requests: the journey's first answer arrives (a heading drawn from it)
      // rather than the gateway refusing it and the page falling back to sign-in.
      await page.locator('main h2').first().waitFor();
      expect(new URL(page.url()).pathname).toBe(home!.path);

      // Every journey path: the page for the roles that have it, a plain refusal for the others.
      for (const [path, heading] of Object.entries(HEADINGS)) {
        const allowed = JOURNEY_ROLES[path]!.includes(user.role);
        await page.evaluate((to) => {
          window.history.pushState(null, '', to);
          window.dispatchEvent(new Event('continuity:navigate'));
        }, path);
        const expected = allowed
          ? typeof heading === 'string'
            ? heading
            : heading(user.role)
          : 'You cannot see this page';
        await expect.poll(() => page.locator('h1').first().textContent(), { timeout: 15_000 }).toBe(expected);
      }

      await page.getByRole('link', { name: 'Sign out' }).click();
      await page.waitForURL(/\/sign-in$/);
      expect(await page.evaluate(() => sessionStorage.getItem('continuity.session'))).toBeNull();
      await context.close();
    }
  });

  it('returns to the page asked for after signing in', async () => {
    const context = await suite.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${stack().dashboard}/?indicator=workforce_turnover&council=886`);
    await page.waitForURL(/\/sign-in/);
    const policy = suite.users.find((u) => u.role === 'policy')!;
    await page.getByLabel(policy.name).check();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/' && url.search === '?indicator=workforce_turnover&council=886');
    await context.close();
  });
});
