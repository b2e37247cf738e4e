import * as path from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { expect, test } from '../support/axe';
import { LoginPage } from '../pages/auth';
import { KeystorePrompt } from '../pages/eds';
import { CheckPage, DocumentsPart, GatewayPage, RequestForm, RequestStatusPage, pdfFile } from '../pages/request';
import { ReviewDesk } from '../pages/review';
import { Shell } from '../pages/shell';
import { DEMO_APPLICANT, locale, service } from '../support/data';

const ru = locale('ru');
/** What a catalog code looks like (`med-license`, `qualified_staff`): never shown as text. */
const CODE = /\b[a-z]+(?:[-_][a-z]+)+\b/;
const DATA = process.env.PORTAL_DATA_DIR ?? path.resolve(__dirname, '..', '..', 'data');
const KEYSTORE_PASSWORD = 'demo-eds-2026';
const keystore = (id: string) => path.join(DATA, 'keystores', `${id}-sign.p12`);
const REVIEWER = { id: '850615400006', password: 'demo-reviewer-2026' };

// The reviewer's desk is a desktop workplace; one request at a time through
// the shared queue.
test.describe.configure({ mode: 'serial', timeout: 180_000 });
test.skip(({ isMobile }) => isMobile, 'the review desk is tested on desktop');

async function login(page: Page, who: { id: string; password: string }, next = '/') {
  const login = new LoginPage(page);
  await login.open(next);
  await login.login(who.id, who.password);
}

/** The demo applicant sends a medical license issuance; gives its id. */
async function sendMedLicense(page: Page, kind = 'issuance', extra?: (page: Page) => Promise<void>): Promise<string> {
  await login(page, DEMO_APPLICANT, '/services/med-license');
  await expect(page).toHaveURL(/\/services\/med-license$/);
  await page.getByTestId(`order-${kind}`).click();
  await expect(page).toHaveURL(/\/requests\/\d+$/);
  const form = new RequestForm(page);
  const id = form.id();
  await form.input('provider').selectOption('mangistau-health');
  if (extra) {
    await extra(page);
  } else {
    await form.input('activity_subtype').selectOption('primary_care');
    await form.answer('premises_address', 'Ақтау, 14-шағын аудан, 3');
    await form.answer('premises_area', '120');
    await form.answer('staff_count', '12');
    const docs = new DocumentsPart(page);
    for (const code of ['diplomas', 'premises_title', 'sanitary_opinion', 'equipment_list']) {
      await docs.attach(code, pdfFile(`${code}.pdf`));
    }
  }
  await form.expectSaved();
  await page.getByTestId('request-check').click();
  const check = new CheckPage(page);
  await check.expectOpen(id);
  await check.pay();
  await new GatewayPage(page).payWith('4111 1111 1111 1111');
  await new GatewayPage(page).backToPortal();
  await check.send();
  await new KeystorePrompt(page).choose(keystore(DEMO_APPLICANT.id), KEYSTORE_PASSWORD);
  await check.sign();
  await new RequestStatusPage(page).expectRegistered(id);
  await new Shell(page).logout();
  return id;
}

async function reviewerPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await login(page, REVIEWER, '/review');
  await expect(page.getByTestId('nav-review')).toBeVisible();
  await expect(page.getByTestId('review-queue')).toBeVisible();
  return page;
}

async function decide(page: Page, id: string, outcome: 'approve' | 'refuse', comment?: string) {
  const desk = new ReviewDesk(page);
  await desk.openRequest(id);
  if ((await page.getByTestId('take').count()) > 0) {
    await page.getByTestId('take').click();
  }
  await expect(page.getByTestId('decide')).toBeVisible();
  await desk.checklist(comment);
  await desk.decide(outcome, outcome === 'refuse' ? 'Устраните замечание и подайте запрос снова.' : '');
  await new KeystorePrompt(page).choose(keystore(REVIEWER.id), KEYSTORE_PASSWORD);
  await desk.sign();
}

// The license test 1 issues; test 3 re-issues it.
let issued = '';

test('a reviewer takes the next request and signs an approval; the applicant opens and saves the license and answers the survey; the QR page shows it active, then suspended', async ({ page, browser }) => {
  const id = await sendMedLicense(page);

  const reviewer = await reviewerPage(browser);
  const desk = new ReviewDesk(reviewer);
  await expect(desk.row(id)).toBeVisible();
  // «Следующий запрос» takes the unassigned request due first (other tests
  // share the queue, so it need not be this one).
  await desk.next();
  await expect(reviewer.getByTestId('assignee')).toHaveText('Жұмабаева Айгүл Нұрланқызы');
  await desk.openRequest(id);
  await expect(reviewer.getByTestId('review-applicant-id')).toHaveText(DEMO_APPLICANT.id);
  await expect(reviewer.getByTestId('signature-report')).toContainText(DEMO_APPLICANT.id);
  // Issue 26, item 2: a chosen activity by its name, not its code.
  await expect(reviewer.getByTestId('review-answers')).not.toContainText(CODE);
  await decide(reviewer, id, 'approve');

  await login(page, DEMO_APPLICANT, `/requests/${id}`);
  await expect(page.getByTestId('request-status')).toHaveText(ru['status.approved']);
  await page.getByTestId('show-result').click();
  const number = (await page.getByTestId('result-number').textContent())!.trim();
  expect(number).toMatch(/^KZ-L-\d{4}-\d{8}$/);
  issued = number;
  const download = page.waitForEvent('download');
  await page.getByTestId('save-result').click();
  expect((await download).suggestedFilename()).toBe(`${number}.pdf`);
  // Issue 27: the survey in the words of the service's regulation, headed
  // with its name (seed 000, appendix; seed 001, appendix 4 in Kazakh).
  const survey = service('med-license').survey;
  await expect(page.getByTestId('survey-title')).toHaveText(survey.title.ru);
  await expect(page.getByTestId('survey-service')).toHaveText(service('med-license').name.ru);
  await expect(page.getByTestId('survey-process').locator('legend')).toHaveText(survey.process.ru);
  // Issue 26, item 3: an answer with a question unanswered is refused by
  // that question, and what was chosen stays.
  await page.getByTestId('survey-process-satisfied').check();
  await page.getByTestId('survey-send').click();
  await expect(page.getByTestId('survey-information-error')).toHaveText(ru['field.required']);
  await expect(page.getByTestId('survey-process-error')).toHaveCount(0);
  await expect(page.getByTestId('survey-thanks')).toHaveCount(0);
  await expect(page.getByTestId('survey-process-satisfied')).toBeChecked();
  await page.getByTestId('survey-information-partially').check();
  await expect(page.getByTestId('survey-information-error')).toHaveCount(0);
  await page.getByTestId('survey-send').click();
  await expect(page.getByTestId('survey-thanks')).toBeVisible();
  await expect(page.getByTestId('views')).toContainText('Жұмабаева');

  // The QR code's page, without logging in.
  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto(`/verify/${number}`);
  await expect(visitor.getByTestId('license-status')).toHaveText(ru['license.active']);
  await expect(visitor.getByTestId('license-holder')).toContainText('900101*****7');
  // Issue 26, item 2: names, never the catalog's codes.
  const entry = visitor.getByTestId('registry-entry');
  await expect(entry).toContainText(service('med-license').name.ru);
  await expect(entry).not.toContainText(CODE);

  // The licensor suspends it; the public page says so.
  await reviewer.goto(`/verify/${number}`);
  await reviewer.getByTestId('registry-reason').fill('Выявлено нарушение при проверке');
  await reviewer.getByTestId('license-suspend').click();
  await expect(reviewer.getByTestId('license-status')).toHaveText(ru['license.suspended']);
  await visitor.reload();
  await expect(visitor.getByTestId('license-status')).toHaveText(ru['license.suspended']);
  await expect(visitor.getByTestId('license-event').last()).toContainText('Выявлено нарушение при проверке');
  // And resumes it.
  await reviewer.getByTestId('registry-reason').fill('Нарушение устранено');
  await reviewer.getByTestId('license-resume').click();
  await expect(reviewer.getByTestId('license-status')).toHaveText(ru['license.active']);
});

test('the licensor keeps the licensee’s sites in the registry: added, changed, closed with reasons; anyone reads them (seed 000 §1, item 2)', async ({ browser }) => {
  const reviewer = await reviewerPage(browser);
  await reviewer.goto(`/verify/${issued}`);
  const form = reviewer.getByTestId('object-actions');
  await expect(form).toBeVisible();
  // Each field told; nothing typed is lost.
  await reviewer.getByTestId('object-name-input').fill('Стоматологический кабинет');
  await reviewer.getByTestId('object-add').click();
  await expect(reviewer.getByTestId('object-address-error')).toHaveText(ru['field.required']);
  await expect(reviewer.getByTestId('object-reason-error')).toHaveText(ru['field.required']);
  await expect(reviewer.getByTestId('object-name-input')).toHaveValue('Стоматологический кабинет');
  await reviewer.getByTestId('object-address-input').fill('Ақтау, 5 ш/а, 12');
  await reviewer.getByTestId('object-reason-input').fill('Уведомление лицензиата');
  await reviewer.getByTestId('object-add').click();
  await expect(reviewer.getByTestId('license-object')).toContainText('Ақтау, 5 ш/а, 12');
  // Changed: the new address, the event in the history.
  await reviewer.getByTestId('object-edit').click();
  await reviewer.getByTestId('object-address-input').fill('Ақтау, 6 ш/а, 1');
  await reviewer.getByTestId('object-reason-input').fill('Переезд кабинета');
  await reviewer.getByTestId('object-add').click();
  await expect(reviewer.getByTestId('license-object')).toContainText('Ақтау, 6 ш/а, 1');
  await expect(reviewer.getByTestId('license-event').last()).toContainText(ru['license.event.object_changed']);
  // Closed; the public page shows it closed, with the reason.
  await reviewer.getByTestId('object-reason-input').fill('Кабинет закрыт');
  await reviewer.getByTestId('object-close').click();
  await expect(reviewer.getByTestId('license-object')).toHaveAttribute('data-open', 'false');
  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto(`/verify/${issued}`);
  await expect(visitor.getByTestId('license-object')).toContainText(ru['license.object.site']);
  await expect(visitor.getByTestId('license-object')).toContainText(ru['license.object.closed']);
  await expect(visitor.getByTestId('license-event').last()).toContainText('Кабинет закрыт');
  await expect(visitor.getByTestId('object-actions')).toHaveCount(0);
});

test('the hearing before a refusal: the preliminary refusal, the applicant’s objection with a file, then the refusal with its reasons reaches the applicant', async ({ page, browser }) => {
  const id = await sendMedLicense(page);
  const reviewer = await reviewerPage(browser);
  const desk = new ReviewDesk(reviewer);
  await desk.openRequest(id);
  if ((await reviewer.getByTestId('take').count()) > 0) {
    await reviewer.getByTestId('take').click();
  }
  // A refusal without the hearing is refused, with the reason in words.
  await expect(reviewer.getByTestId('decide')).toBeVisible();
  await desk.checklist('Площадь помещения меньше нормы');
  await reviewer.getByTestId('outcome-refuse').check();
  await reviewer.getByTestId('make-document').click();
  await expect(reviewer.getByTestId('decide')).toContainText(ru['error.hearing_required']);
  // The preliminary refusal: its reasons required, then sent.
  await reviewer.getByTestId('send-hearing').click();
  await expect(reviewer.getByTestId('inquiry-message-error')).toHaveText(ru['field.required']);
  await reviewer.getByTestId('inquiry-message-input').fill('Площадь помещения меньше нормы: 120 м² при требуемых 150 м².');
  await reviewer.getByTestId('send-hearing').click();
  await expect(reviewer.getByTestId('review-status')).toHaveText(ru['status.hearing']);
  await expect(reviewer.getByTestId('inquiry')).toContainText('120 м²');

  // The applicant sees it with the last day to answer, and objects.
  await login(page, DEMO_APPLICANT, `/requests/${id}`);
  await expect(page.getByTestId('request-status')).toHaveText(ru['status.hearing']);
  await expect(page.getByTestId('inquiry-due')).toBeVisible();
  await page.getByTestId('answer-send').click();
  await expect(page.getByTestId('answer-text-error')).toHaveText(ru['field.required']);
  await page.getByTestId('answer-file').setInputFiles(pdfFile('План помещения.pdf'));
  await expect(page.getByTestId('answer-files')).toContainText('План помещения.pdf');
  await page.getByTestId('answer-text').fill('Не согласен: к площади относится и подсобное помещение, см. план.');
  await page.getByTestId('answer-send').click();
  await expect(page.getByTestId('request-status')).toHaveText(ru['status.in_review']);
  await expect(page.getByTestId('inquiry-answer')).toContainText('подсобное помещение');
  await expect(page.getByTestId('history-event').last()).toContainText('подсобное помещение');
  await new Shell(page).logout();

  // The reviewer reads the objection, then issues the motivated refusal.
  await reviewer.reload();
  await expect(reviewer.getByTestId('inquiry-answer')).toContainText('подсобное помещение');
  await expect(reviewer.getByTestId('inquiry-files')).toContainText('План помещения.pdf');
  await decide(reviewer, id, 'refuse', 'Площадь помещения меньше нормы');
  await login(page, DEMO_APPLICANT, `/requests/${id}`);
  await expect(page.getByTestId('request-status')).toHaveText(ru['status.refused']);
  await page.getByTestId('show-result').click();
  await expect(page.getByTestId('result-summary')).toContainText(ru['result.refused']);
  await expect(page.getByTestId('result-reasons')).toContainText('Устраните замечание');
  // Issue 26, item 2: the public indicators name the unmet requirement,
  // the service and the provider; no catalog code is shown.
  await page.goto('/stats');
  const group = page.locator('[data-test="stats-group"][data-service="med-license"][data-provider="mangistau-health"]');
  await expect(group.getByTestId('stats-reason').first()).toBeVisible();
  await expect(group).toContainText(service('med-license').name.ru);
  await expect(page.getByTestId('stats')).not.toContainText(CODE);
});

test('a re-issue supersedes the original license in the registry', async ({ page, browser }) => {
  const id = await sendMedLicense(page, 'reissuance', async (p) => {
    const form = new RequestForm(p);
    await form.input('license').selectOption(issued);
    await form.input('reissue_grounds').selectOption('address_change');
    await new DocumentsPart(p).attach('change_proof', pdfFile('proof.pdf'));
  });
  const reviewer = await reviewerPage(browser);
  await decide(reviewer, id, 'approve');
  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto(`/verify/${issued}`);
  await expect(visitor.getByTestId('license-status')).toHaveText(ru['license.reissued']);
  await expect(visitor.getByTestId('license-event').last()).toContainText(ru['license.event.reissued']);
});
