// The public signature check, `/validate` (issue 25, item 6): the national
// center's 2026 GOST samples (the portal under test trusts the national
// TEST PKI) are valid, attached and detached with their documents; a
// detached one without its document, and a file that is no signature, are
// told in words; the report downloads as JSON and as a PDF the portal
// signs. Every state is checked by
// axe (`support/axe`).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expect, expectAccessible, test } from '../support/axe';
import { ValidatePage } from '../pages/validate';
import { locale } from '../support/data';

const CMS = path.resolve(__dirname, '..', '..', 'backend', 'tests', 'fixtures', 'nca-test-pki', 'samples', 'cms');
const ru = locale('ru');

test('a national GOST signature is valid, attached or detached with its document', async ({ page }) => {
  const check = new ValidatePage(page);
  await check.open();
  await check.check(path.join(CMS, '2026_individual_attached.p7s'));
  await expect(check.indication()).toHaveAttribute('data-indication', 'TOTAL_PASSED');
  await expect(check.indication()).toHaveText(ru['validate.indication.TOTAL_PASSED']);
  await expect(check.signers()).toHaveCount(1);
  await expect(check.signers().first()).toContainText('123456789011');
  await expect(check.signers().first()).toContainText('GOST R 34.10-2015');
  await expect(check.signers().first().getByTestId('validate-roles')).toHaveText(ru['validate.role.individual']);
  await expectAccessible(page, 'a valid signature reported');

  const download = page.waitForEvent('download');
  await page.getByTestId('validate-download').click();
  const saved = await (await download).path();
  const report = JSON.parse(fs.readFileSync(saved, 'utf8'));
  expect(report.indication).toBe('TOTAL_PASSED');
  expect(report.signers[0].iin).toBe('123456789011');

  // The same report as a PDF the portal signs (PAdES).
  const sealed = page.waitForEvent('download');
  await page.getByTestId('validate-download-pdf').click();
  const pdf = fs.readFileSync(await (await sealed).path());
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(pdf.toString('latin1')).toContain('/ETSI.CAdES.detached');

  await check.open();
  await check.check(path.join(CMS, '2026_legal_entity_detached.p7s'), path.join(CMS, '2026_legal_entity_document.txt'));
  await expect(check.indication()).toHaveAttribute('data-indication', 'TOTAL_PASSED');
  await expect(check.signers().first()).toContainText('123456789021');
});

test('what cannot be judged is told in words, and nothing is lost', async ({ page }) => {
  const check = new ValidatePage(page);
  await check.open();
  await check.check(null);
  await expect(check.signatureError()).toHaveText(ru['validate.missing']);
  await expectAccessible(page, 'the check without a signature file');

  await check.check(path.join(CMS, '2026_individual_detached.p7s'));
  await expect(check.indication()).toHaveAttribute('data-indication', 'INDETERMINATE');
  await expect(check.report().getByTestId('validate-sub').first()).toHaveText(ru['validate.sub.SIGNED_DATA_NOT_FOUND']);
  // The chosen file is still there: adding the document is enough.
  await check.check(null, path.join(CMS, '2026_individual_document.txt'));
  await expect(check.indication()).toHaveAttribute('data-indication', 'TOTAL_PASSED');

  await check.check(path.join(CMS, '2026_individual_document.txt'));
  await expect(check.indication()).toHaveAttribute('data-indication', 'TOTAL_FAILED');
  await expect(check.report().getByTestId('validate-sub').first()).toHaveText(ru['validate.sub.FORMAT_FAILURE']);
  await expectAccessible(page, 'a file that is no signature');
});
