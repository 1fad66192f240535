/**
 * The administrator's pages (issue 16): users (add, disable, enable, change organisation),
 * organisations (list, add) and the audit log with its filters, each compared with the API's answer
 * to the same token; axe-core on every page and state. The test makes its own user and organisation
 * (the demo users stay as they are for the other browser tests).
 */
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations, graphql, settled, stack, tableText } from './browser';
import { browserSuite } from './suite';

const { skipReason } = stack();

interface Directory {
  users: {
    id: string;
    name: string;
    email: string;
    role: string;
    disabled: boolean;
    organisation: { id: string; name: string };
  }[];
  organisations: { id: string; kind: string; name: string; subjectId: string | null }[];
  councils: { code: string; name: string }[];
}
const DIRECTORY = /* GraphQL */ `
  query E2EDirectory {
    users { id name email role disabled organisation { id name } }
    organisations { id kind name subjectId }
    councils { code name }
  }
`;

describe.skipIf(skipReason)('admin pages', () => {
  const suite = browserSuite();
  const stamp = Date.now().toString(36);
  const newUser = { id: `e2e-${stamp}`, name: `E2E Person ${stamp}`, email: `e2e-${stamp}@example.test` };

  it('users: lists the directory as the API has it; adds, disables, enables and moves a user; no axe violations', async () => {
    const { context, page, token } = await suite.signedInPage(suite.user('demo-admin'));
    await page.goto(`${stack().dashboard}/`);
    await page.getByRole('link', { name: 'Administration' }).click();
    await page.waitForURL(/\/admin\/users$/);
    await page.locator('[data-testid="users"]').waitFor();
    await settled(page);
    const before = await graphql<Directory>(token, DIRECTORY);
    const names = (await tableText(page, '[data-testid="users"] tbody')).map((row) => row[0]);
    expect(names).toEqual(before.users.map((u) => u.name));
    expect(await page.title()).toBe('Users - Administration - Continuity data hub');
    await expectNoAxeViolations(page, 'admin users');

    // The form's own checks, then the API's refusal (a duplicate email), each linked to its field.
    await page.getByRole('button', { name: 'Add user' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    expect(await page.locator('.govuk-error-summary__list').textContent()).toContain('Enter the user’s name');
    await expectNoAxeViolations(page, 'admin users, add user with errors');
    await page.locator('#user-id').fill(newUser.id);
    await page.locator('#user-name').fill(newUser.name);
    await page.locator('#user-email').fill(before.users[0]!.email);
    await page.getByRole('button', { name: 'Add user' }).click();
    await page.locator('.govuk-error-summary a', { hasText: 'already exists' }).waitFor();

    await page.locator('#user-email').fill(newUser.email);
    await page.locator('#user-role').selectOption('COUNCIL');
    await page.locator('#user-organisation').selectOption('council-886');
    await page.getByRole('button', { name: 'Add user' }).click();
    await page.getByTestId('admin-done').getByText(`${newUser.name} can now sign in.`).waitFor();
    const row = page.locator(`[data-user="${newUser.id}"]`);
    await row.waitFor();
    const rowText = async () =>
      (await tableText(page, '[data-testid="users"] tbody')).find((r) => r[0] === newUser.name);
    expect(await rowText()).toEqual([
      newUser.name,
      newUser.email,
      'Council staff',
      expect.any(String),
      'Active',
      `Disable`,
    ]);

    await row.getByRole('button', { name: `Disable ${newUser.name}` }).click();
    await page.getByTestId('admin-done').getByText(`${newUser.name} is disabled.`).waitFor();
    await row.getByText('Disabled').waitFor();
    expect((await graphql<Directory>(token, DIRECTORY)).users.find((u) => u.id === newUser.id)?.disabled).toBe(true);
    await row.getByRole('button', { name: `Enable ${newUser.name}` }).click();
    await page.getByTestId('admin-done').getByText(`${newUser.name} is enabled.`).waitFor();
    await row.getByText('Active').waitFor();

    // Moving: only organisations of the role's kind are offered.
    await page.locator('#move-user').selectOption(newUser.id);
    const offered = await page
      .locator('#move-organisation option')
      .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    expect(offered).toEqual(before.organisations.filter((o) => o.kind === 'COUNCIL').map((o) => o.id));
    await page.locator('#move-organisation').selectOption('council-312');
    await page.getByRole('button', { name: 'Change organisation' }).click();
    await page.getByTestId('admin-done').waitFor();
    const after = await graphql<Directory>(token, DIRECTORY);
    const moved = after.users.find((u) => u.id === newUser.id)!;
    expect(moved.organisation.id).toBe('council-312');
    // The list is read again after each change.
    await expect.poll(async () => (await rowText())?.[3]).toBe(moved.organisation.name);
    await expectNoAxeViolations(page, 'admin users after changes');
    await context.close();
  });

  it('organisations: lists them as the API has them and adds a council; refuses an unknown code; no axe violations', async () => {
    const { context, page, token } = await suite.signedInPage(suite.user('demo-admin'));
    await page.goto(`${stack().dashboard}/admin/organisations`);
    await page.locator('[data-testid="organisations"]').waitFor();
    await settled(page);
    const directory = await graphql<Directory>(token, DIRECTORY);
    const rows = await tableText(page, '[data-testid="organisations"] tbody');
    expect(rows.map((r) => r[0])).toEqual(directory.organisations.map((o) => o.name));
    await expectNoAxeViolations(page, 'admin organisations');

    await page.locator('#organisation-kind').selectOption('COUNCIL');
    await page.locator('#organisation-code').fill('999');
    await page.locator('#organisation-name').fill('Nowhere');
    await page.getByRole('button', { name: 'Add organisation' }).click();
    await page.locator('.govuk-error-summary a[href="#organisation-code"]', { hasText: 'No council 999' }).waitFor();
    await expectNoAxeViolations(page, 'admin organisations, refused');

    const taken = new Set(directory.organisations.map((o) => o.subjectId));
    const council = directory.councils.find((c) => !taken.has(c.code));
    expect(council, 'a council without an organisation').toBeDefined();
    await page.locator('#organisation-code').fill(council!.code);
    await page.locator('#organisation-name').fill(council!.name);
    await page.getByRole('button', { name: 'Add organisation' }).click();
    await page.getByTestId('admin-done').getByText(`${council!.name} is added.`).waitFor();
    await page.locator(`[data-organisation="council-${council!.code}"]`).waitFor();
    await context.close();
  });

  it('audit log: filters by who, what and when, matching the API; no axe violations', async () => {
    const { context, page, token } = await suite.signedInPage(suite.user('demo-admin'));
    await page.goto(`${stack().dashboard}/admin/audit`);
    await page.locator('[data-testid="audit"]').waitFor();
    await settled(page);
    await expectNoAxeViolations(page, 'admin audit log');

    await page.locator('#audit-user').selectOption('demo-admin');
    await page.locator('#audit-action').selectOption('move_user');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/user=demo-admin&action=move_user/);
    await settled(page);
    const api = await graphql<{ auditLog: { target: string; action: string }[] }>(
      token,
      'query { auditLog(limit: 200, userId: "demo-admin", action: "move_user") { target action } }',
    );
    const rows = await tableText(page, '[data-testid="audit"] tbody');
    const targets = await page
      .locator('[data-testid="audit"] td[data-target]')
      .evaluateAll((cells) => cells.map((c) => c.getAttribute('data-target')));
    expect(targets).toEqual(api.auditLog.map((e) => e.target));
    // Said in words: the moved user by name.
    expect(rows.map((r) => r[3])).toContain(`${newUser.name} (user)`);
    expect(new Set(rows.map((r) => r[2]))).toEqual(new Set(["Changed a user's organisation"]));

    // A day long before the service: nothing.
    await page.locator('#audit-from').fill('2001-01-01');
    await page.locator('#audit-to').fill('2001-01-02');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/from=2001-01-01&to=2001-01-02/);
    await page.getByText('Nothing in the audit log matches these filters.').waitFor();
    await expectNoAxeViolations(page, 'admin audit log, nothing matches');
    await context.close();
  });

  it('is not for other roles: the page says so and no link leads there', async () => {
    const { context, page } = await suite.signedInPage(suite.user('demo-council-kent'));
    await page.goto(`${stack().dashboard}/admin/users`);
    await page.locator('h1', { hasText: 'You cannot see this page' }).waitFor();
    expect(await page.getByRole('link', { name: 'Administration' }).count()).toBe(0);
    await context.close();
  });
});
