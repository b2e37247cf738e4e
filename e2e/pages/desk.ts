import { expect, type Page } from '@playwright/test';

export type Kind = 'individual' | 'legal_entity';

/** The desk of a ЦОН operator or provider staff: a visitor looked up in the
 * state registry, a request started for them, the desk's list. */
export class DeskPage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.goto('/desk');
    await expect(this.page.getByTestId('desk')).toBeVisible();
  }

  service() {
    return this.page.getByTestId('desk-service');
  }

  requestType() {
    return this.page.getByTestId('desk-request-type');
  }

  idNumber() {
    return this.page.getByTestId('desk-id-number');
  }

  kind(kind: Kind) {
    return this.page.getByTestId(`desk-kind-${kind}`);
  }

  /** Chooses the service and type and asks the registry about `id`. */
  async lookUp(service: string, requestType: string, kind: Kind, id: string) {
    await this.service().selectOption(service);
    await expect(this.requestType().locator(`option[value="${requestType}"]`)).toHaveCount(1);
    await this.requestType().selectOption(requestType);
    await this.kind(kind).check();
    await this.idNumber().fill(id);
    await this.page.getByTestId('desk-lookup').click();
  }

  record() {
    return this.page.getByTestId('desk-record');
  }

  failure() {
    return this.page.getByTestId('desk-failure');
  }

  /** Starts the request; gives its id once the form is open. */
  async begin(): Promise<string> {
    await this.page.getByTestId('desk-begin').click();
    await expect(this.page).toHaveURL(/\/requests\/\d+$/);
    return /\/requests\/(\d+)$/.exec(this.page.url())![1];
  }

  row(id: string) {
    return this.page.locator(`[data-test="desk-row"][data-id="${id}"]`);
  }
}

/** The paper originals ticked on the request form at a desk. */
export class PaperPart {
  constructor(readonly page: Page) {}

  async tick(...codes: string[]) {
    for (const code of codes) {
      const box = this.page.getByTestId(`paper-${code}`);
      await box.check();
      await expect(box).toBeChecked();
    }
  }
}

/** The receipt printed for the visitor. */
export class ReceiptPage {
  constructor(readonly page: Page) {}

  async expectFor(number: string) {
    await expect(this.page.getByTestId('receipt')).toBeVisible();
    await expect(this.page.getByTestId('receipt-number')).toHaveText(number);
    await expect(this.page.getByTestId('receipt-due')).toHaveText(/^\d{2}\.\d{2}\.\d{4}$/);
  }
}
