import { expect, type Page } from '@playwright/test';

export class PassportPage {
  constructor(readonly page: Page) {}

  async open(code: string) {
    await this.page.goto(`/services/${code}`);
    await expect(this.page.getByTestId('passport')).toHaveAttribute('data-code', code);
  }

  title() {
    return this.page.getByTestId('service-title');
  }

  providers() {
    return this.page.getByTestId('provider');
  }

  requestType(kind: string) {
    return this.page.getByTestId(`request-type-${kind}`);
  }

  orderButton() {
    return this.page.getByTestId('order-online');
  }
}
