import { expect, type Page } from '@playwright/test';

/** `/validate`: the public check of an ЭЦП signature. */
export class ValidatePage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.goto('/validate');
    await expect(this.page.getByTestId('validate-page')).toBeVisible();
  }

  async check(signature: string | null, document?: string) {
    if (signature) {
      await this.page.getByTestId('validate-signature').setInputFiles(signature);
    }
    if (document) {
      await this.page.getByTestId('validate-document').setInputFiles(document);
    }
    await this.page.getByTestId('validate-check').click();
  }

  report() {
    return this.page.getByTestId('validate-report');
  }

  /** The whole signature's indication (`data-indication`). */
  indication() {
    return this.report().getByTestId('validate-indication').first();
  }

  signers() {
    return this.page.getByTestId('validate-signer');
  }

  signatureError() {
    return this.page.getByTestId('validate-signature-error');
  }
}
