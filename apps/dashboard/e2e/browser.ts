/**
 * Helpers for the browser tests: Debian's chromium through playwright-core (STACK.md pitfall 7),
 * demo sign-in through the gateway, GraphQL with the same token, and axe-core.
 */
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';

/** Debian's chromium; CHROMIUM_PATH overrides (e.g. to check the suite skips cleanly without it). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function stack() {
  return { dashboard: inject('dashboardUrl'), gateway: inject('gatewayUrl'), skipReason: inject('skipReason') };
}

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

export interface DemoUser {
  id: string;
  name: string;
  role: string;
  organisation: { kind: string; id: string; name: string };
  title: string;
  description: string;
}

export async function demoUsers(): Promise<DemoUser[]> {
  const res = await fetch(`${stack().gateway}/auth/demo-users`);
  expect(res.ok).toBe(true);
  return ((await res.json()) as { users: DemoUser[] }).users;
}

export async function tokenFor(userId: string): Promise<string> {
  const res = await fetch(`${stack().gateway}/auth/demo-token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId }),
  });
  expect(res.ok).toBe(true);
  return ((await res.json()) as { token: string }).token;
}

/** The API's answer to a query, asked with a viewer's token (what the page should show). */
export async function graphql<T>(token: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await fetch(`${stack().gateway}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '));
  return body.data as T;
}

/**
 * A context already signed in as a demo user: the token is fetched from the gateway and put where
 * the sign-in page keeps it (sessionStorage), before any page script runs.
 */
export async function signedInContext(
  browser: Browser,
  user: DemoUser,
  options: { width?: number } = {},
): Promise<{ context: BrowserContext; token: string }> {
  const token = await tokenFor(user.id);
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: 900 },
    acceptDownloads: true,
  });
  const session = {
    token,
    user: {
      id: user.id,
      name: user.name,
      role: user.role,
      organisation: user.organisation,
      title: user.title,
      description: user.description,
    },
    expiresAt: null,
  };
  await context.addInitScript((value: string) => {
    if (!window.sessionStorage.getItem('continuity.session'))
      window.sessionStorage.setItem('continuity.session', value);
  }, JSON.stringify(session));
  return { context, token };
}

/** axe-core on the page as it stands: WCAG 2.0-2.2 A and AA rules and best practice; no violations allowed. */
export async function expectNoAxeViolations(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    // Only violations are read: collecting passes too doubles the time on a big page.
    .options({ resultTypes: ['violations'] })
    .analyze();
  const summary = results.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} -> ${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 5)
        .join(' | ')}`,
  );
  expect(summary, `axe violations on ${label}`).toEqual([]);
}

/** Waits until no "Loading" status is on the page. */
export async function settled(page: Page, timeout = 30_000): Promise<void> {
  await page.waitForFunction(() => !document.querySelector('.app-loading'), undefined, { timeout });
}

/** The text of every cell in a table, row by row (header cells included), trimmed; visually hidden text removed. */
export async function tableText(page: Page, selector: string): Promise<string[][]> {
  return page.$$eval(`${selector} tr`, (rows) =>
    rows.map((row) =>
      Array.from(row.querySelectorAll('th, td')).map((cell) => {
        const clone = cell.cloneNode(true) as HTMLElement;
        clone.querySelectorAll('.govuk-visually-hidden, [aria-hidden="true"]').forEach((n) => {
          n.remove();
        });
        return (clone.textContent ?? '').replace(/\s+/g, ' ').trim();
      }),
    ),
  );
}
