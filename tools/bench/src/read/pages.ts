/**
 * The dashboard's pages in Debian's chromium, cold (a new context each: no HTTP cache, no session): what GraphQL
 * requests each sends (replayed by the load test, so the load is the dashboard's own), and how long from
 * navigation until its first chart is drawn.
 */
import { chromium, type Browser } from 'playwright-core';

export interface PageSpec {
  name: string;
  user: { id: string; name: string; role: string; organisation: { kind: string; id: string } };
  path: string;
}

interface CapturedRequest {
  operationName: string;
  body: string;
}

export interface PageResult {
  name: string;
  user: string;
  requests: CapturedRequest[];
  firstChartMs: number;
  settledMs: number;
}

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
}

export async function visit(browser: Browser, origin: string, spec: PageSpec, token: string): Promise<PageResult> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const session = { token, user: { ...spec.user, title: spec.user.name, description: '' }, expiresAt: null };
  await context.addInitScript(
    (value: string) => window.sessionStorage.setItem('continuity.session', value),
    JSON.stringify(session),
  );
  const page = await context.newPage();
  const requests: CapturedRequest[] = [];
  page.on('request', (r) => {
    if (!r.url().endsWith('/graphql') || r.method() !== 'POST') return;
    const body = r.postData() ?? '';
    let operationName = '?';
    try {
      const parsed = JSON.parse(body) as { operationName?: string; query?: string };
      operationName = parsed.operationName ?? /(?:query|mutation)\s+(\w+)/.exec(parsed.query ?? '')?.[1] ?? '?';
    } catch {}
    requests.push({ operationName, body });
  });
  const started = performance.now();
  await page.goto(`${origin}${spec.path}`);
  await page.locator('svg.recharts-surface').first().waitFor({ timeout: 60_000 });
  const firstChartMs = performance.now() - started;
  await page.waitForFunction(() => !document.querySelector('.app-loading'), undefined, { timeout: 120_000 });
  const settledMs = performance.now() - started;
  await context.close();
  return { name: spec.name, user: spec.user.id, requests, firstChartMs, settledMs };
}
