/**
 * What every browser test file sets up: one chromium and the gateway's demo users, from before a
 * describe block's first test to after its last. Call it inside the describe, so that a skipped
 * suite launches nothing.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { demoUsers, launch, signedInContext, type DemoUser } from './browser';

export interface BrowserSuite {
  readonly browser: Browser;
  readonly users: DemoUser[];
  /** The demo user with this id. */
  user(id: string): DemoUser;
  /** A page signed in as `user`; its context (to close) and token (to ask the API what the page should show). */
  signedInPage(
    user: DemoUser,
    options?: { width?: number },
  ): Promise<{ context: BrowserContext; page: Page; token: string }>;
  /** `url` opened as a shared link is: in a new, signed-out context, through the sign-in page (as `user`) and back. */
  openLinkSignedOut(url: string, user: DemoUser): Promise<{ context: BrowserContext; page: Page }>;
}

export function browserSuite(): BrowserSuite {
  let browser: Browser | undefined;
  let users: DemoUser[] = [];
  beforeAll(async () => {
    browser = await launch();
    users = await demoUsers();
  });
  afterAll(async () => {
    await browser?.close();
  });

  const launched = (): Browser => {
    if (!browser) throw new Error('The browser is launched before the first test');
    return browser;
  };
  return {
    get browser() {
      return launched();
    },
    get users() {
      return users;
    },
    user(id) {
      const found = users.find((u) => u.id === id);
      if (!found) throw new Error(`The gateway has no demo user ${id}`);
      return found;
    },
    async signedInPage(user, options) {
      const { context, token } = await signedInContext(launched(), user, options);
      return { context, page: await context.newPage(), token };
    },
    async openLinkSignedOut(url, user) {
      const context = await launched().newContext();
      const page = await context.newPage();
      await page.goto(url);
      await page.waitForURL(/\/sign-in/);
      await page.getByLabel(user.name).check();
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(url);
      return { context, page };
    },
  };
}
