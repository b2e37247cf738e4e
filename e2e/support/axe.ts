// Accessibility measured, not assumed: axe-core's WCAG 2.2 A/AA rules on a
// page as it is. `test` from here checks the page every test ends on (its
// last state: errors shown, a dialog open, a journey's end), desktop and
// mobile; `expectAccessible` checks a state in the middle of one.
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

/** Fails with each violated rule and the elements it found. */
export async function expectAccessible(page: Page, state: string) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const found = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(found, `axe-core on ${state}`).toEqual([]);
}

export const test = base.extend<{ axeAtTheEnd: void }>({
  axeAtTheEnd: [
    async ({ page }, use, testInfo) => {
      await use();
      const passed = testInfo.status === testInfo.expectedStatus && testInfo.status === 'passed';
      if (passed && page.url().startsWith('http')) {
        await expectAccessible(page, `the page “${testInfo.title}” ends on (${page.url()})`);
      }
    },
    { auto: true },
  ],
});

export { expect };
