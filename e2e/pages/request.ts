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
