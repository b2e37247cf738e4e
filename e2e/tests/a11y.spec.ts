import type { Page } from '@playwright/test';
import { LoginPage } from '../pages/auth';
import { DEMO_APPLICANT, services } from '../support/data';
import { expect, expectAccessible, test } from '../support/axe';

// axe-core's WCAG 2.2 A/AA rules on every page of the portal, signed out,
// as an applicant and as staff, and in the states a user meets there
// (issue 26). Every other test's last page is checked too (`support/axe`).
const REVIEWER = { id: '850615400006', password: 'demo-reviewer-2026' };
const OPERATOR = { id: '920310300007', password: 'demo-operator-2026' };

/** `path` once its heading is up and its data arrived. */
async function visit(page: Page, path: string) {
  await page.goto(path);
  await expect(page.locator('h1').first()).toBeVisible();
  await page.waitForLoadState('networkidle');
  await expect(page.getByTestId('loading')).toHaveCount(0);
  await expectAccessible(page, path);
}

async function signIn(page: Page, who: { id: string; password: string }) {
  const login = new LoginPage(page);
  await login.open();
  await login.login(who.id, who.password);
  await expect(page.getByTestId('logout')).toBeVisible();
}

const PUBLIC = [
  '/',
  ...services().map((s) => `/services/${s.code}`),
  '/registry',
  '/stats',
  '/validate',
  '/verify/KZ-L-0000-000000',
  '/login',
  '/register',
  '/register/eds',
  '/recover',
  '/no-such-page',
];

for (const path of PUBLIC) {
  test(`the public page ${path}`, async ({ page }) => {
    await visit(page, path);
  });
}

test('forms with their errors shown', async ({ page }) => {
  await page.goto('/register');
  await page.getByTestId('register-submit').click();
  await expect(page.getByTestId('error-summary')).toBeVisible();
  await expectAccessible(page, 'registration with every field refused');
  await page.goto('/login');
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('id_number-error')).toBeVisible();
  await expectAccessible(page, 'login with its fields refused');
  await page.goto('/recover');
  await page.getByTestId('new_password-input').fill('a-new-password-2026');
  await page.getByTestId('recover-eds-submit').click();
  await expect(page.getByTestId('keystore-error')).not.toBeEmpty();
  await expectAccessible(page, 'ЭЦП recovery without a keystore');
  await page.getByTestId('recover-mail-submit').click();
  await expect(page.getByTestId('id_number-error')).toBeVisible();
  await expectAccessible(page, 'a recovery link asked without a number');
});

test("an applicant's pages", async ({ page }) => {
  await signIn(page, DEMO_APPLICANT);
  await visit(page, '/cabinet');
  await visit(page, '/requests');
  await visit(page, '/notifications');
});

test("staff pages", async ({ page }) => {
  await signIn(page, REVIEWER);
  await visit(page, '/review');
  await page.getByTestId('logout').click();
  await signIn(page, OPERATOR);
  await visit(page, '/desk');
});
