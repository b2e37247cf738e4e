import { expect, test } from '../support/axe';
import { CabinetPage, LoginPage } from '../pages/auth';
import { HistoryPage, RequestForm } from '../pages/request';
import { Shell } from '../pages/shell';
import { DEMO_APPLICANT, locale } from '../support/data';

const ru = locale('ru');

test('a draft is saved as it is filled, left, and resumed after logging in again', async ({ page }) => {
  const login = new LoginPage(page);
  await login.open('/services/med-license');
  await login.login(DEMO_APPLICANT.id, DEMO_APPLICANT.password);
  await expect(page).toHaveURL(/\/services\/med-license$/);
  await page.getByTestId('order-issuance').click();
  await expect(page).toHaveURL(/\/requests\/\d+$/);

  const form = new RequestForm(page);
  const id = form.id();
  await form.input('provider').selectOption('mangistau-health');
  await form.answer('premises_address', 'Ақтау, 14-шағын аудан, 3');
  // Out of range: kept, and said next to the field.
  await form.answer('premises_area', '0,5');
  await form.expectSaved();
  await expect(form.error('premises_area')).toHaveText(ru['field.range'].replace('{min}', '1').replace('{max}', '100000'));
  await form.answer('staff_count', '12');
  // Nothing required is reported before the user asks for a check.
  await expect(form.error('activity_subtype')).toHaveCount(0);
  await page.getByTestId('request-check').click();
  await expect(form.error('activity_subtype')).toHaveText(ru['field.required']);
  await expect(page.getByTestId('error-summary')).toBeVisible();

  await new Shell(page).logout();
  await login.open();
  await login.login(DEMO_APPLICANT.id, DEMO_APPLICANT.password);
  await new CabinetPage(page).expectOpen(DEMO_APPLICANT.name);
  const history = new HistoryPage(page);
  await history.open();
  await expect(history.row(id)).toContainText(ru['status.draft']);
  await history.row(id).getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`/requests/${id}$`));
  await expect(form.input('provider')).toHaveValue('mangistau-health');
  await expect(form.input('premises_address')).toHaveValue('Ақтау, 14-шағын аудан, 3');
  await expect(form.input('premises_area')).toHaveValue('0,5');
  await expect(form.input('staff_count')).toHaveValue('12');

  // Issue 26: the passport offers the open draft rather than only a new one.
  await page.goto('/services/med-license');
  const open = page.locator(`[data-test="open-draft"][data-id="${id}"]`);
  await expect(open).toContainText(ru['request_type.issuance']);
  await open.getByTestId('continue-draft').click();
  await expect(page).toHaveURL(new RegExp(`/requests/${id}$`));
  await expect(form.input('staff_count')).toHaveValue('12');
});
