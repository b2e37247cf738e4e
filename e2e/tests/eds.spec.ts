import * as path from 'node:path';
import { expect, test } from '../support/axe';
import { CabinetPage } from '../pages/auth';
import { EdsLogin, EdsRegister } from '../pages/eds';
import { locale } from '../support/data';
import { randomIin } from '../support/ids';
import { BIN, DATA, issueAuthKeystore } from '../support/keystores';

const NATIONAL = path.resolve(__dirname, '..', '..', 'backend', 'tests', 'fixtures', 'nca-test-pki');
const PASSWORD = 'demo-eds-2026';
const CITIZEN = '900101300007';
const CITIZEN_NAME = 'Асқаров Ерлан Серікұлы';
const ru = locale('ru');
const keystore = (file: string) => path.join(DATA, 'keystores', file);

test.describe('login with the ЭЦП', () => {
  for (const file of [`${CITIZEN}-auth.p12`, `${CITIZEN}-auth-rsa.p12`]) {
    test(`the demo citizen logs in with ${file}`, async ({ page }) => {
      const eds = new EdsLogin(page);
      await eds.open();
      await eds.login(keystore(file), PASSWORD);
      await new CabinetPage(page).expectOpen(CITIZEN_NAME);
    });
  }

  test('each refusal says why and keeps the form', async ({ page }) => {
    const eds = new EdsLogin(page);
    await eds.open();
    const cases: [string, string, string][] = [
      [keystore(`${CITIZEN}-auth.p12`), 'wrong password', 'eds.wrong_password'],
      [path.join(DATA, 'pki', 'public', 'demo-root.pem'), PASSWORD, 'eds.not_a_keystore'],
      [keystore(`${CITIZEN}-sign.p12`), PASSWORD, 'eds.signing_key_for_auth'],
      [keystore(`${CITIZEN}-auth-revoked.p12`), PASSWORD, 'eds.revoked'],
    ];
    for (const [file, password, key] of cases) {
      await eds.login(file, password);
      await expect(eds.prompt.error()).toHaveText(ru[key]);
      await expect(eds.prompt.chosen()).toHaveText(path.basename(file));
      await expect(eds.prompt.password()).toHaveValue(password);
      await expect(page).toHaveURL(/\/login$/);
    }
  });

  test("the national center's RSA test keystores open in the browser signer", async ({ page }) => {
    const eds = new EdsLogin(page);
    await eds.open();
    const file = path.join(NATIONAL, 'p12', '2022_rsa_individual_auth_revoked_ncanode.p12');
    await eds.login(file, 'qwerty');
    await expect(eds.prompt.error()).toHaveText(ru['eds.wrong_password']);
    // With its password it opens; the certificate expired in 2023, which is
    // what the signer then says.
    await eds.login(file, 'Qwerty12');
    await expect(eds.prompt.error()).toHaveText(ru['eds.expired']);
  });
});

test('a new citizen registers with the ЭЦП and is signed in', async ({ page }) => {
  test.skip(!BIN, 'PORTAL_BIN is set by cargo xtask test');
  const iin = randomIin();
  const file = issueAuthKeystore(iin, 'Серікова', 'Айгүл', 'rsa');
  const register = new EdsRegister(page);
  await register.open();
  await register.sign(file, PASSWORD);
  await expect(register.signer()).toContainText('Серікова Айгүл');
  await expect(page.getByTestId('eds-signer-iin')).toHaveText(iin);
  // A bad phone is refused beside its field; the signature is kept.
  await register.contacts('12', 'aigul@example.kz', 'steppe-wind-2026');
  await expect(page.getByTestId('phone-error')).toBeVisible();
  await expect(register.signer()).toBeVisible();
  await register.contacts('+7 701 555 12 34', 'aigul@example.kz', 'steppe-wind-2026');
  await new CabinetPage(page).expectOpen('Серікова Айгүл');
});
