import { expect, type Page } from '@playwright/test';
import { KeystorePrompt } from './eds';

/** `/recover`: a reset link by e-mail, or a new password with the ЭЦП. */
export class RecoverPage {
  readonly prompt: KeystorePrompt;

  constructor(readonly page: Page) {
    this.prompt = new KeystorePrompt(page);
  }

  async open(fragment?: string) {
    await this.page.goto(fragment ? `/recover#${fragment}` : '/recover');
    await expect(this.page.getByTestId('recover-title')).toBeVisible();
  }

  async askForLink(id: string) {
    await this.page.getByTestId('id_number-input').fill(id);
    await this.page.getByTestId('recover-mail-submit').click();
  }

  sent() {
    return this.page.getByTestId('recover-sent');
  }

  async resetWithLink(password: string) {
    await this.page.getByTestId('new_password-input').fill(password);
    await this.page.getByTestId('recover-reset-submit').click();
  }

  async resetWithEds(file: string, keyPassword: string, password: string) {
    await this.prompt.choose(file, keyPassword);
    await this.page.getByTestId('new_password-input').fill(password);
    await this.page.getByTestId('recover-eds-submit').click();
  }

  failure() {
    return this.page.getByTestId('failure');
  }
}
