import { expect, type Page } from '@playwright/test';

/** The reviewers' dashboard and a request under review. */
export class ReviewDesk {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.goto('/review');
    await expect(this.page.getByTestId('review-queue')).toBeVisible();
  }

  row(id: string) {
    return this.page.locator(`[data-test="queue-row"][data-id="${id}"]`);
  }

  async next() {
    await this.page.getByTestId('next-request').click();
    await expect(this.page.getByTestId('review-request')).toBeVisible();
  }

  async openRequest(id: string) {
    await this.page.goto(`/review/${id}`);
    await expect(this.page.getByTestId('review-request')).toBeVisible();
  }

  /** Marks every requirement met, or the first one unmet with a comment. */
  async checklist(firstUnmet?: string) {
    const sets = this.page.locator('[data-test^="check-"][data-test$="-met"]');
    const n = await sets.count();
    for (let i = 0; i < n; i++) {
      const testId = await sets.nth(i).getAttribute('data-test');
      const code = testId!.slice('check-'.length, -'-met'.length);
      if (i === 0 && firstUnmet) {
        await this.page.getByTestId(`check-${code}-unmet`).check();
        await this.page.getByTestId(`check-${code}-comment`).fill(firstUnmet);
      } else {
        await sets.nth(i).check();
      }
    }
  }

  async decide(outcome: 'approve' | 'refuse', reasons = '') {
    await this.page.getByTestId(`outcome-${outcome}`).check();
    if (reasons) await this.page.getByTestId('reasons').fill(reasons);
    await this.page.getByTestId('make-document').click();
    await expect(this.page.getByTestId('decision-sign-form')).toBeVisible();
  }

  async sign() {
    await this.page.getByTestId('sign-decision').click();
    await expect(this.page.getByTestId('decision-signed')).toBeVisible({ timeout: 20_000 });
  }
}
