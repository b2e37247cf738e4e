import * as path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from '../support/axe';
import { LoginPage } from '../pages/auth';
import { KeystorePrompt } from '../pages/eds';
import { CheckPage, HistoryPage, DocumentsPart, GatewayPage, RequestForm, RequestStatusPage, pdfFile } from '../pages/request';
import { DEMO_APPLICANT, locale } from '../support/data';

const ru = locale('ru');
const DATA = process.env.PORTAL_DATA_DIR ?? path.resolve(__dirname, '..', '..', 'data');
const KEYSTORE_PASSWORD = 'demo-eds-2026';
const keystore = (id: string, purpose: 'auth' | 'sign') => path.join(DATA, 'keystores', `${id}-${purpose}.p12`);
const REVIEWER_IIN = '850615400006';

test.describe.configure({ timeout: 120_000 });

async function order(page: Page, service: string, kind: string): Promise<string> {
  const login = new LoginPage(page);
  await login.open(`/services/${service}`);
  await login.login(DEMO_APPLICANT.id, DEMO_APPLICANT.password);
  await expect(page).toHaveURL(new RegExp(`/services/${service}$`));
  await page.getByTestId(`order-${kind}`).click();
  await expect(page).toHaveURL(/\/requests\/\d+$/);
  await expect(page.getByTestId('applicant-tax-id')).toHaveText(DEMO_APPLICANT.id);
  return new RequestForm(page).id();
}

async function checkAnswers(page: Page, id: string): Promise<CheckPage> {
  await page.getByTestId('request-check').click();
  const check = new CheckPage(page);
  await check.expectOpen(id);
  return check;
}

async function payAndReturn(page: Page, check: CheckPage) {
  await check.pay();
  await new GatewayPage(page).payWith('4111 1111 1111 1111');
  await new GatewayPage(page).backToPortal();
  await expect(page.getByTestId('payment-paid')).toBeVisible();
}

async function signAndRegister(page: Page, check: CheckPage, id: string) {
  await check.send();
  await new KeystorePrompt(page).choose(keystore(DEMO_APPLICANT.id, 'sign'), KEYSTORE_PASSWORD);
  await check.sign();
  await new RequestStatusPage(page).expectRegistered(id);
}

test('a medical license from login to its registration number: a declined card, then a paid one; a stranger’s signature refused, then the applicant’s', async ({ page }) => {
  const id = await order(page, 'med-license', 'issuance');
  const form = new RequestForm(page);
  await form.input('provider').selectOption('mangistau-health');
  await form.input('activity_subtype').selectOption('primary_care');
  await form.answer('premises_address', 'Ақтау, 14-шағын аудан, 3');
  await form.answer('premises_area', '120');
  await form.answer('staff_count', '12');
  await form.expectSaved();

  const docs = new DocumentsPart(page);
  // A disguised program is refused with its reason; nothing else is lost.
  await page.getByTestId('doc-diplomas-input').setInputFiles({ name: 'diploma.pdf.exe', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
  await expect(docs.uploadError('diplomas')).toHaveText(ru['error.file_type_not_allowed']);
  await docs.attach('diplomas', pdfFile('Диплом.pdf'), pdfFile('Сертификат.pdf'));
  await docs.attach('premises_title', pdfFile('premises.pdf'));
  await docs.attach('sanitary_opinion', pdfFile('sanitary.pdf'));
  await docs.attach('equipment_list', pdfFile('equipment.pdf'));
  await expect(form.input('premises_area')).toHaveValue('120');

  const check = await checkAnswers(page, id);
  await expect(check.answer('premises_address')).toContainText('Ақтау, 14-шағын аудан, 3');
  // Not paid: no signing yet.
  await expect(page.getByTestId('send')).toHaveCount(0);
  await check.pay();
  const gateway = new GatewayPage(page);
  await gateway.payWith('4000 0000 0000 0002');
  await expect(gateway.notice()).toContainText('Банк отклонил платёж');
  // Issue 26, item 7: what was typed stays after a decline.
  await expect(page.getByTestId('gw-card')).toHaveValue('4000 0000 0000 0002');
  await expect(page.getByTestId('gw-expiry')).toHaveValue('12/30');
  await expect(page.getByTestId('gw-cvc')).toHaveValue('123');
  await expect(page.getByTestId('gw-holder')).toHaveValue('ERLAN ASKAROV');
  await gateway.payWith('4111 1111 1111 1111');
  await gateway.backToPortal();
  await check.expectOpen(id);
  await expect(page.getByTestId('payment-paid')).toBeVisible();

  await check.send();
  const prompt = new KeystorePrompt(page);
  await prompt.choose(keystore(REVIEWER_IIN, 'sign'), KEYSTORE_PASSWORD);
  await check.sign();
  await expect(prompt.error()).toHaveText(ru['eds.iin_mismatch']);
  await expect(page).toHaveURL(new RegExp(`/requests/${id}/check$`));
  await prompt.choose(keystore(DEMO_APPLICANT.id, 'sign'), KEYSTORE_PASSWORD);
  await check.sign();
  const sent = new RequestStatusPage(page);
  await sent.expectRegistered(id);
  await expect(sent.status()).toHaveText(ru['status.submitted']);
  await expect(page.getByTestId('history-event')).toHaveCount(4);
  // Issue 26, item 12: «Обновить статус» says when it asked.
  const checked = page.getByTestId('status-checked');
  await expect(checked).toContainText(ru['request.checked_at'].split('{time}')[0]);
  const before = await checked.textContent();
  await page.waitForTimeout(1100); // the time shown has seconds: let one pass
  await page.getByTestId('refresh-status').click();
  await expect(checked).not.toHaveText(before!);
  await expect(sent.status()).toHaveText(ru['status.submitted']);
  await expect(page.getByTestId('notifications-badge')).toBeVisible();
});

test('a re-issuance of the applicant’s own license', async ({ page }) => {
  const id = await order(page, 'med-license', 'reissuance');
  const form = new RequestForm(page);
  await form.input('license').selectOption('KZ-L-2023-00000058');
  await form.input('provider').selectOption('mangistau-health');
  await form.input('reissue_grounds').selectOption('address_change');
  await form.expectSaved();
  await new DocumentsPart(page).attach('change_proof', pdfFile('new-address.pdf'));
  const check = await checkAnswers(page, id);
  await expect(check.answer('original_license_number')).toContainText('KZ-L-2023-00000058');
  await expect(check.answer('original_license_date')).toContainText('2023-09-18');
  await payAndReturn(page, check);
  await signAndRegister(page, check, id);
});

test('a duplicate of a lost license', async ({ page }) => {
  const id = await order(page, 'veterinary', 'duplicate');
  const form = new RequestForm(page);
  await form.input('license').selectOption('KZ-L-2025-00000342');
  await form.input('duplicate_reason').selectOption('lost');
  await form.expectSaved();
  await new DocumentsPart(page).attach('loss_statement', pdfFile('statement.pdf'));
  const check = await checkAnswers(page, id);
  await expect(check.answer('original_license_number')).toContainText('KZ-L-2025-00000342');
  await payAndReturn(page, check);
  await signAndRegister(page, check, id);
});

test('an attachment to a polyclinic: free, with its places shown, signed and registered', async ({ page, isMobile }) => {
  // The demo citizen attaches once per project, to a clinic of its own.
  const clinic = isMobile ? 'aktau-polyclinic-3' : 'aktau-polyclinic-2';
  const id = await order(page, 'phc-attachment', 'issuance');
  const form = new RequestForm(page);
  await expect(form.input('provider').locator(`option[value="${clinic}"]`)).toContainText('свободно');
  await form.input('provider').selectOption(clinic);
  await form.answer('residence_address', 'Ақтау, 5-шағын аудан, 12');
  // After a move: no once-a-year limit for the second project's attachment.
  await form.input('reason').selectOption('moved');
  await form.answer('contact_phone', '+7 701 111 22 33');
  await form.input('consent').check();
  await form.expectSaved();
  const check = await checkAnswers(page, id);
  await expect(page.getByTestId('fee-free')).toBeVisible();
  await expect(page.getByTestId('check')).toContainText('Прикрепление');
  await signAndRegister(page, check, id);
  // Seed 002 item 3, «полностью автоматизированная»: the system decides it
  // at once — the talon, signed by the polyclinic's information system.
  await expect(new RequestStatusPage(page).status()).toHaveText(ru['status.approved']);
  await page.getByTestId('show-result').click();
  await expect(page.getByTestId('result-number')).toHaveText(/^KZ-P-\d{4}-\d{8}$/);
  await expect(page.getByTestId('result')).toContainText(isMobile ? '«Ақтау қалалық №3 емханасы» МКК ақпараттық' : '«Ақтау қалалық №2 емханасы» МКК ақпараттық');
  // Issue 26, item 6: an attachment is named so, not «Выдача».
  await expect(page.getByTestId('request-type')).toHaveText('Прикрепление');
  const history = new HistoryPage(page);
  await history.open();
  await expect(history.row(id)).toContainText('Прикрепление');
  await expect(history.row(id)).not.toContainText(ru['request_type.issuance']);
});

test('«Сохранить» after a check that found a gap saves and stays on the form (issue 26, item 4)', async ({ page }) => {
  const id = await order(page, 'phc-attachment', 'issuance');
  const form = new RequestForm(page);
  // A clinic no other test attaches the demo citizen to.
  await form.input('provider').selectOption('beineu-hospital');
  await form.answer('residence_address', 'Ақтау, 5-шағын аудан, 12');
  await form.input('reason').selectOption('residence');
  await form.answer('contact_phone', '+7 701 111 22 33');
  await form.expectSaved();
  await page.getByTestId('request-check').click();
  await expect(form.error('consent')).toHaveText(ru['field.required']);
  await form.input('consent').check();
  await page.getByTestId('request-save').click();
  await form.expectSaved();
  await expect(form.error('consent')).toHaveCount(0);
  await expect(page).toHaveURL(new RegExp(`/requests/${id}$`));
  // Asked for now, the check opens.
  await checkAnswers(page, id);
});
