import { expect, type Page } from '@playwright/test';

export class CatalogPage {
  constructor(readonly page: Page) {}

  async open(query = '') {
    await this.page.goto(`/${query}`);
    await expect(this.page.getByTestId('catalog-title')).toBeVisible();
    await this.waitForResults();
  }

  /** Waits for the list that answers the query now in the address bar. */
  async waitForResults() {
    const query = new URL(this.page.url()).search.replace(/^\?/, '');
    const answered = `[data-query="${query}"]`;
    await expect(
      this.page.locator(`[data-test="service-list"]${answered}, [data-test="no-results"]${answered}`),
    ).toBeVisible();
  }

  title() {
    return this.page.getByTestId('catalog-title');
  }

  cards() {
    return this.page.getByTestId('service-card');
  }

  card(code: string) {
    return this.page.locator(`[data-test="service-card"][data-code="${code}"]`);
  }

  async codes(): Promise<string[]> {
    await this.waitForResults();
    return (await this.cards().evaluateAll((els) => els.map((e) => e.getAttribute('data-code') ?? ''))).sort();
  }

  async search(words: string) {
    await this.page.getByTestId('search-input').fill(words);
    await this.page.getByTestId('search-submit').click();
    await expect(this.page).toHaveURL(/[?&]q=/);
    await this.waitForResults();
  }

  async filter(kind: 'category' | 'provider' | 'region', value: string) {
    await this.page.getByTestId(`filter-${kind}`).selectOption(value);
    await expect(this.page).toHaveURL(new RegExp(`[?&]${kind}=${value}`));
    await this.waitForResults();
  }

  async openService(code: string) {
    await this.page.getByTestId(`service-link-${code}`).click();
    await expect(this.page.getByTestId('passport')).toHaveAttribute('data-code', code);
  }
}
