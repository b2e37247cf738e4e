import { expect, type Page } from '@playwright/test';

export type Kind = 'individual' | 'legal_entity';

export interface Registration {
  kind: Kind;
  id: string;
  name: string;
  phone: string;
  email: string;
  password: string;
}

export class RegisterPage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.goto('/register');
    await expect(this.page.getByTestId('register-title')).toBeVisible();
  }

  input(field: string) {
    return this.page.getByTestId(`${field}-input`);
  }

  error(field: string) {
    return this.page.getByTestId(`${field}-error`);
  }

  async fill(r: Registration) {
    await this.page.getByTestId(`kind-${r.kind}`).check();
    await this.input('id_number').fill(r.id);
    await this.input('name').fill(r.name);
    await this.input('phone').fill(r.phone);
    await this.input('email').fill(r.email);
    await this.input('password').fill(r.password);
  }

  async submit() {
    await this.page.getByTestId('register-submit').click();
  }

  summary() {
    return this.page.getByTestId('error-summary');
  }
}

export class LoginPage {
  constructor(readonly page: Page) {}

  async open(next?: string) {
    await this.page.goto(next ? `/login?next=${next}` : '/login');
    await expect(this.page.getByTestId('login-title')).toBeVisible();
  }

  async login(id: string, password: string) {
    await this.page.getByTestId('id_number-input').fill(id);
    await this.page.getByTestId('password-input').fill(password);
    await this.page.getByTestId('login-submit').click();
  }

  failure() {
    return this.page.getByTestId('failure');
  }

  idInput() {
    return this.page.getByTestId('id_number-input');
  }
}

export class CabinetPage {
  constructor(readonly page: Page) {}

  async expectOpen(name: string) {
    await expect(this.page).toHaveURL(/\/cabinet$/);
    await expect(this.page.getByTestId('cabinet-name')).toHaveText(name);
  }
}
