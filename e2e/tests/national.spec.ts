// The national certification center's GOST R 34.10-2015 test keystores in
// the browser (issue 25, part 1): on a portal that trusts the national TEST
// PKI (`cargo xtask test` starts it with --trust-national-test), a 2026
// keystore registers with the ЭЦП, logs in with it and signs a request in
// the signing worker; a revoked and an on-hold one are refused, each with
// its own message.
//
// The portal is shared by the desktop and the mobile project, and holds
// one account per ИИН/БИН: the desktop registers the citizen of
// `2026_gost2015_individual_valid.p12`, the mobile the company of
// `2026_gost2015_legal_head_valid.p12` (by its head), the only two
// accounts the valid 2026 set can open; so the portal must be a fresh one
// (as `cargo xtask test` starts it). By hand: the release `portal` with
// `--demo --trust-national-test` on an empty data folder.
import * as path from 'node:path';
import { expect, test } from '../support/axe';
import { CabinetPage } from '../pages/auth';
import { EdsLogin, EdsRegister, KeystorePrompt } from '../pages/eds';
import { CheckPage, DocumentsPart, GatewayPage, RequestForm, RequestStatusPage, pdfFile } from '../pages/request';
import { Shell } from '../pages/shell';
import { locale } from '../support/data';

const P12 = path.resolve(__dirname, '..', '..', 'backend', 'tests', 'fixtures', 'nca-test-pki', 'p12');
const PASSWORD = 'Qwerty12';
const ru = locale('ru');

interface Holder {
  file: string;
  /** What the registration shows and the cabinet is named. */
  name: string;
  iin: string;
  bin?: string;
  /** The account's number: the БИН for a company. */
  account: string;
}

const HOLDERS: Record<string, Holder> = {
  desktop: {
    file: path.join(P12, '2026_gost2015_individual_valid.p12'),
    name: 'ТЕСТОВ ТЕСТ',
    iin: '123456789011',
    account: '123456789011',
  },
  mobile: {
    file: path.join(P12, '2026_gost2015_legal_head_valid.p12'),
    name: 'АО "ТЕСТ"',
    iin: '123456789011',
    bin: '123456789021',
    account: '123456789021',
  },
};

test.describe.configure({ timeout: 120_000 });

test('a national GOST-2015 keystore registers, logs in and signs a medical license request', async ({ page }, info) => {
  const holder = HOLDERS[info.project.name];
  // Registration: the worker signs the challenge with the national key; the
  // placeholder ИИН/БИН of the test certificate is taken.
  const register = new EdsRegister(page);
  await register.open();
  await register.sign(holder.file, PASSWORD);
  await expect(page.getByTestId('eds-signer-name')).toHaveText(holder.name);
  await expect(page.getByTestId('eds-signer-iin')).toHaveText(holder.iin);
  if (holder.bin) await expect(page.getByTestId('eds-signer-bin')).toHaveText(holder.bin);
  await register.contacts('+7 701 555 12 34', 'testov@example.kz', 'steppe-wind-2026');
  const cabinet = new CabinetPage(page);
  await cabinet.expectOpen(holder.name);

  // Login with the same key: the national key is the holder's one key.
  await new Shell(page).logout();
  const login = new EdsLogin(page);
  await login.open();
  await login.login(holder.file, PASSWORD);
  await cabinet.expectOpen(holder.name);

  // A medical license issuance, paid, signed with the national key.
  await page.goto('/services/med-license');
  await page.getByTestId('order-issuance').click();
  await expect(page).toHaveURL(/\/requests\/\d+$/);
  await expect(page.getByTestId('applicant-tax-id')).toHaveText(holder.account);
  const form = new RequestForm(page);
  const id = form.id();
  await form.input('provider').selectOption('mangistau-health');
  await form.input('activity_subtype').selectOption('dentistry');
  await form.answer('premises_address', 'Ақтау, 14-шағын аудан, 3');
  await form.answer('premises_area', '120');
  await form.answer('staff_count', '6');
  await form.expectSaved();
  const docs = new DocumentsPart(page);
  for (const doc of ['diplomas', 'premises_title', 'sanitary_opinion', 'equipment_list']) {
    await docs.attach(doc, pdfFile(`${doc}.pdf`));
  }
  await page.getByTestId('request-check').click();
  const check = new CheckPage(page);
  await check.expectOpen(id);
  await check.pay();
  const gateway = new GatewayPage(page);
  await gateway.payWith('4111 1111 1111 1111');
  await gateway.backToPortal();
  await expect(page.getByTestId('payment-paid')).toBeVisible();
  await check.send();
  await new KeystorePrompt(page).choose(holder.file, PASSWORD);
  await check.sign();
  const sent = new RequestStatusPage(page);
  await sent.expectRegistered(id);
  await expect(sent.status()).toHaveText(ru['status.submitted']);
});

test('a revoked and an on-hold national keystore are refused, each with its own message', async ({ page }) => {
  const login = new EdsLogin(page);
  await login.open();
  for (const [file, key] of [
    // Revoked (superseded) despite its name; every 2026 `*_revoked` is on hold.
    ['2026_gost2015_legal_employee_valid.p12', 'eds.revoked'],
    ['2026_gost2015_individual_revoked.p12', 'eds.on_hold'],
  ]) {
    await login.login(path.join(P12, file), PASSWORD);
    await expect(login.prompt.error()).toHaveText(ru[key]);
    await expect(login.prompt.chosen()).toHaveText(file);
    await expect(page).toHaveURL(/\/login$/);
  }
});
