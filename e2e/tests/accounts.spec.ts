import { expect, test } from '../support/axe';
import { CabinetPage, LoginPage, RegisterPage, type Registration } from '../pages/auth';
import { PassportPage } from '../pages/passport';
import { Shell } from '../pages/shell';
import { DEMO_APPLICANT, locale } from '../support/data';
import { contrastOf } from '../support/contrast';
import { randomBin, randomIin, withBadCheckDigit } from '../support/ids';

const ru = locale('ru');

async function registerWithMistakesThenFix(page: import('@playwright/test').Page, good: Registration, badId: string, idCode: string) {
  const register = new RegisterPage(page);
  await register.open();
  await register.fill({ ...good, id: badId, password: 'short' });
  await register.submit();

  await expect(register.summary()).toBeVisible();
  await expect(register.error('id_number')).toHaveText(ru[`field.${idCode}`]);
  await expect(register.error('password')).toContainText('8');
  await expect(register.input('id_number')).toHaveAttribute('aria-invalid', 'true');
  // Nothing typed is lost.
  await expect(register.input('name')).toHaveValue(good.name);
  await expect(register.input('phone')).toHaveValue(good.phone);
  await expect(register.input('email')).toHaveValue(good.email);
  await expect(register.error('name')).toHaveCount(0);

  await register.input('id_number').fill(good.id);
  await register.input('password').fill(good.password);
  await register.submit();
  await new CabinetPage(page).expectOpen(good.name);
}

test('register an individual: bad ИИН and short password refused field by field', async ({ page }) => {
  const iin = randomIin();
  const good: Registration = {
    kind: 'individual', id: iin, name: 'Сейткали Асель Маратовна', phone: '8 701 555 12 34',
    email: `asel.${iin}@example.kz`, password: 'steppe-wind-over-aktau',
  };
  await registerWithMistakesThenFix(page, good, withBadCheckDigit(iin), 'checksum');
  const shell = new Shell(page);
  await expect(shell.userName()).toHaveText(good.name);
  await shell.logout();
  // And back in with the new password.
  const login = new LoginPage(page);
  await login.open();
  await login.login(iin, good.password);
  await new CabinetPage(page).expectOpen(good.name);
});

test('register a legal entity: an ИИН is not a БИН', async ({ page }) => {
  const bin = randomBin();
  const good: Registration = {
    kind: 'legal_entity', id: bin, name: 'ТОО «Астық Терминал»', phone: '+7 7162 25 00 00',
    email: `office.${bin}@astyk.kz`, password: 'elevator-north-2026',
  };
  await registerWithMistakesThenFix(page, good, randomIin(), 'bin_kind');
  await expect(page.getByTestId('cabinet-id')).toHaveText(bin);
});

test('log in, reload keeps the session, log out', async ({ page }) => {
  const login = new LoginPage(page);
  await login.open();
  await login.login(DEMO_APPLICANT.id, DEMO_APPLICANT.password);
  await new CabinetPage(page).expectOpen(DEMO_APPLICANT.name);
  await page.reload();
  await new CabinetPage(page).expectOpen(DEMO_APPLICANT.name);
  const shell = new Shell(page);
  await shell.logout();
  await page.goto('/cabinet');
  await expect(page).toHaveURL(/\/login\?next=\/cabinet$/);
});

test('a wrong password is refused with one message and the number kept', async ({ page }) => {
  const login = new LoginPage(page);
  await login.open();
  await login.login(DEMO_APPLICANT.id, 'not-the-right-password');
  await expect(login.failure()).toContainText(ru['error.invalid_credentials']);
  await expect(login.idInput()).toHaveValue(DEMO_APPLICANT.id);
  await login.login(randomIin(), 'not-the-right-password');
  await expect(login.failure()).toContainText(ru['error.invalid_credentials']);
});

test('login returns to the passport it came from', async ({ page }) => {
  const passport = new PassportPage(page);
  await passport.open('grain-warehouse');
  await passport.orderButton().click();
  await new LoginPage(page).login(DEMO_APPLICANT.id, DEMO_APPLICANT.password);
  await expect(page).toHaveURL(/\/services\/grain-warehouse$/);
  // An individual may not apply for a БИН-only service, and is told before typing anything.
  await expect(page.getByTestId('not-eligible')).toBeVisible();
});

test('the header’s controls are readable: contrast at least 4.5:1 signed out and in (issue 26, item 1)', async ({ page }) => {
  await page.goto('/');
  for (const id of ['nav-login', 'nav-register']) {
    const control = page.getByTestId(id);
    await expect(control).toBeVisible();
    expect(await contrastOf(control), id).toBeGreaterThanOrEqual(4.5);
  }
  const login = new LoginPage(page);
  await login.open();
  await login.login(DEMO_APPLICANT.id, DEMO_APPLICANT.password);
  await new CabinetPage(page).expectOpen(DEMO_APPLICANT.name);
  const logout = page.getByTestId('logout');
  await expect(logout).toBeVisible();
  // The bell is drawn, not a font's glyph that may be missing.
  await expect(page.getByTestId('bell-icon')).toBeVisible();
  expect(await contrastOf(logout)).toBeGreaterThanOrEqual(4.5);
});

test('the login tells a number that is no ИИН or БИН by its field and keeps what was typed (issue 26, item 8)', async ({ page }) => {
  const login = new LoginPage(page);
  await login.open();
  for (const [id, code] of [
    ['hello', 'digits_only'],
    [withBadCheckDigit(randomIin()), 'checksum'],
  ]) {
    await login.login(id, 'a-password-typed');
    await expect(page.getByTestId('id_number-error')).toHaveText(ru[`field.${code}`]);
    await expect(page.getByTestId('id_number-input')).toHaveValue(id);
    await expect(page.getByTestId('password-input')).toHaveValue('a-password-typed');
  }
});

test('the cabinet promises nothing that is already there (issue 26, item 10)', async ({ page }) => {
  const login = new LoginPage(page);
  await login.open();
  await login.login(DEMO_APPLICANT.id, DEMO_APPLICANT.password);
  await new CabinetPage(page).expectOpen(DEMO_APPLICANT.name);
  await expect(page.getByTestId('to-history')).toBeVisible();
  await expect(page.getByTestId('cabinet')).not.toContainText('появится здесь');
});
