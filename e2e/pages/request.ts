import { expect, type Page } from '@playwright/test';

/** A request being filled: the form built from the catalog. */
export class RequestForm {
  constructor(readonly page: Page) {}

  id(): string {
    const m = /\/requests\/(\d+)$/.exec(this.page.url());
    if (!m) throw new Error(`not a request page: ${this.page.url()}`);
    return m[1];
  }

  input(key: string) {
    return this.page.getByTestId(`${key}-input`);
  }

  error(key: string) {
    return this.page.getByTestId(`${key}-error`);
  }

  /** Types an answer and leaves the field, which saves the draft. */
  async answer(key: string, value: string) {
    await this.input(key).fill(value);
    await this.input(key).blur();
  }

  async expectSaved() {
    await expect(this.page.getByTestId('request-saved')).not.toBeEmpty();
  }
}

/** «История получения услуг». */
export class HistoryPage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.goto('/requests');
    await expect(this.page.getByTestId('history')).toBeVisible();
  }

  row(id: string) {
    return this.page.locator(`[data-test="history-row"][data-id="${id}"]`);
  }
}

/** A file to attach, made in memory. */
export function pdfFile(name: string): { name: string; mimeType: string; buffer: Buffer } {
  // A PDF the server's parser reads: its trailer names the catalog.
  const body = `%PDF-1.4\n1 0 obj<< /Type /Catalog >>endobj\n% ${name}\ntrailer<< /Root 1 0 R >>\n%%EOF\n`;
  return { name, mimeType: 'application/pdf', buffer: Buffer.from(body) };
}

/** The documents part of the request form. */
export class DocumentsPart {
  constructor(readonly page: Page) {}

  document(code: string) {
    return this.page.getByTestId(`doc-${code}`);
  }

  /** Attaches files to a document and waits until each is listed. */
  async attach(code: string, ...files: { name: string; mimeType: string; buffer: Buffer }[]) {
    const before = await this.document(code).getByTestId(`doc-${code}-file`).count();
    await this.page.getByTestId(`doc-${code}-input`).setInputFiles(files);
    await expect(this.document(code).getByTestId(`doc-${code}-file`)).toHaveCount(before + files.length);
  }

  uploadError(code: string) {
    return this.document(code).getByTestId('upload-error');
  }
}

/** «Проверьте ответы»: payment and signing. */
export class CheckPage {
  constructor(readonly page: Page) {}

  async expectOpen(id: string) {
    await expect(this.page).toHaveURL(new RegExp(`/requests/${id}/check$`));
    await expect(this.page.getByTestId('check')).toBeVisible();
  }

  answer(key: string) {
    return this.page.getByTestId(`answer-${key}`);
  }

  async pay() {
    await this.page.getByTestId('pay').click();
    await expect(this.page.getByTestId('gw-card')).toBeVisible();
  }

  async send() {
    await this.page.getByTestId('send').click();
    await expect(this.page.getByTestId('sign-form')).toBeVisible();
  }

  async sign() {
    await this.page.getByTestId('sign').click();
  }
}

/** The payment gateway's hosted page (the sandbox). */
export class GatewayPage {
  constructor(readonly page: Page) {}

  async payWith(card: string) {
    await this.page.getByTestId('gw-card').fill(card);
    await this.page.getByTestId('gw-expiry').fill('12/30');
    await this.page.getByTestId('gw-cvc').fill('123');
    await this.page.getByTestId('gw-holder').fill('ERLAN ASKAROV');
    await this.page.getByTestId('gw-pay').click();
  }

  notice() {
    return this.page.getByTestId('gw-notice');
  }

  async backToPortal() {
    await expect(this.page.getByTestId('gw-receipt')).toBeVisible();
    await this.page.getByTestId('gw-return').click();
  }
}

/** A sent request: number, status, deadline, history. */
export class RequestStatusPage {
  constructor(readonly page: Page) {}

  async expectRegistered(id: string) {
    await expect(this.page).toHaveURL(new RegExp(`/requests/${id}$`));
    await expect(this.page.getByTestId('request-status-view')).toBeVisible();
    await expect(this.page.getByTestId('request-number')).toHaveText(/^KZ-\d{4}-\d{8}$/);
    await expect(this.page.getByTestId('request-due')).toHaveText(/^\d{2}\.\d{2}\.\d{4}$/);
  }

  status() {
    return this.page.getByTestId('request-status');
  }
}
