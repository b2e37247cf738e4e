import { expect, type Page } from '@playwright/test';

/** The signing prompt: a keystore file and its password. */
export class KeystorePrompt {
  constructor(readonly page: Page) {}

  async choose(file: string, password: string) {
    await this.page.getByTestId('keystore-file').setInputFiles(file);
    await expect(this.page.getByTestId('keystore-chosen')).toBeVisible();
    await this.page.getByTestId('keystore_password-input').fill(password);
  }

  error() {
    return this.page.getByTestId('keystore-error');
  }

  password() {
    return this.page.getByTestId('keystore_password-input');
  }

  chosen() {
    return this.page.getByTestId('keystore-chosen');
  }
}

/** Login with the ЭЦП, on the login page. */
export class EdsLogin {
  readonly prompt: KeystorePrompt;

  constructor(readonly page: Page) {
    this.prompt = new KeystorePrompt(page);
  }

  async open() {
    await this.page.goto('/login');
    await expect(this.page.getByTestId('eds-login-form')).toBeVisible();
  }

  async login(file: string, password: string) {
    await this.prompt.choose(file, password);
    await this.page.getByTestId('eds-login-submit').click();
  }
}

/** Registration with the ЭЦП: sign, then the contacts. */
export class EdsRegister {
  readonly prompt: KeystorePrompt;

  constructor(readonly page: Page) {
    this.prompt = new KeystorePrompt(page);
  }

  async open() {
    await this.page.goto('/register/eds');
    await expect(this.page.getByTestId('register-eds-title')).toBeVisible();
  }

  async sign(file: string, password: string) {
    await this.prompt.choose(file, password);
    await this.page.getByTestId('register-eds-sign').click();
  }

  signer() {
    return this.page.getByTestId('eds-signer');
  }

  async contacts(phone: string, email: string, password: string) {
    await this.page.getByTestId('phone-input').fill(phone);
    await this.page.getByTestId('email-input').fill(email);
    await this.page.getByTestId('password-input').fill(password);
    await this.page.getByTestId('register-eds-submit').click();
  }
}
