import * as path from 'node:path';
import { expect, test } from '../support/axe';
import { CabinetPage, LoginPage } from '../pages/auth';
import { EdsRegister } from '../pages/eds';
import { RecoverPage } from '../pages/recover';
import { Shell } from '../pages/shell';
import { locale } from '../support/data';
import { randomIin } from '../support/ids';
import { BIN, KEY_PASSWORD, issueAuthKeystore } from '../support/keystores';

// A way back in after a forgotten password (issue 26): by a one-time link to
// the e-mail, or with the ЭЦП.
const ru = locale('ru');

test('the login offers recovery; the link is asked by a checked number, with one answer for any account', async ({ page }) => {
  const login = new LoginPage(page);
  await login.open();
  await page.getByTestId('to-recover').click();
  const recover = new RecoverPage(page);
  await expect(page.getByTestId('recover-title')).toHaveText(ru['recover.title']);
  await recover.askForLink('12345');
  await expect(page.getByTestId('id_number-error')).toBeVisible();
  await expect(page.getByTestId('id_number-input')).toHaveValue('12345');
  await expect(recover.sent()).toBeHidden();
  // A number nobody registered gets the same answer as one that is.
  await recover.askForLink(randomIin());
  await expect(recover.sent()).toHaveText(ru['recover.sent']);
});

test('a link that is no longer valid says so, and the token leaves the address bar', async ({ page }) => {
  const recover = new RecoverPage(page);
  await recover.open('not-a-real-token');
  await expect(page).toHaveURL(/\/recover$/);
  await recover.resetWithLink('short');
  await expect(page.getByTestId('new_password-error')).toBeVisible();
  await recover.resetWithLink('a-brand-new-password-2026');
  await expect(recover.failure()).toContainText(ru['error.reset_link_invalid']);
  await expect(page.getByTestId('new_password-input')).toHaveValue('a-brand-new-password-2026');
});

test('a citizen who forgot the password sets a new one with the ЭЦП and the old one stops working', async ({ page }) => {
  test.skip(!BIN, 'PORTAL_BIN is set by cargo xtask test');
  const iin = randomIin();
  const file = issueAuthKeystore(iin, 'Жақсыбекова', 'Дана', 'p256');
  const register = new EdsRegister(page);
  await register.open();
  await register.sign(file, KEY_PASSWORD);
  await register.contacts('+7 702 555 43 21', `dana.${iin}@example.kz`, 'forgotten-one-2026');
  const cabinet = new CabinetPage(page);
  await cabinet.expectOpen('Жақсыбекова Дана');
  await new Shell(page).logout();

  const recover = new RecoverPage(page);
  await recover.open();
  // A password with the citizen's own ИИН is refused by its field, and the
  // chosen keystore stays.
  await recover.resetWithEds(file, KEY_PASSWORD, `pass-${iin}`);
  await expect(page.getByTestId('new_password-error')).toHaveText(ru['field.password_personal']);
  await expect(recover.prompt.chosen()).toHaveText(path.basename(file));
  await recover.resetWithEds(file, KEY_PASSWORD, 'remembered-now-2026');
  await expect(page).toHaveURL(/\/cabinet\?recovered=1$/);
  await expect(page.getByTestId('password-recovered')).toHaveText(ru['recover.done']);
  await new Shell(page).logout();

  const login = new LoginPage(page);
  await login.open();
  await login.login(iin, 'forgotten-one-2026');
  await expect(login.failure()).toBeVisible();
  await login.login(iin, 'remembered-now-2026');
  await expect(page).toHaveURL(/\/$|\/cabinet/);
});
