import { expect, type Page } from '@playwright/test';
import type { Lang } from '../support/data';

/** The header and footer every page has. */
export class Shell {
  constructor(readonly page: Page) {}

  async switchLanguage(lang: Lang) {
    await this.page.getByTestId(`lang-${lang}`).click();
    await expect(this.page.getByTestId(`lang-${lang}`)).toHaveAttribute('aria-pressed', 'true');
    await expect(this.page.locator('html')).toHaveAttribute('lang', lang);
  }

  userName() {
    return this.page.getByTestId('user-name');
  }

  async logout() {
    await this.page.getByTestId('logout').click();
    await expect(this.page.getByTestId('nav-login')).toBeVisible();
  }

  callCenter() {
    return this.page.getByTestId('call-center');
  }
}
