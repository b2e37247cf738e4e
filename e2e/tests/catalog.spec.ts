import { expect, test } from '../support/axe';
import { CatalogPage } from '../pages/catalog';
import { PassportPage } from '../pages/passport';
import { Shell } from '../pages/shell';
import { LANGS, locale, service, services, servicesMatching } from '../support/data';

test('the catalog in each language shows every service', async ({ page }) => {
  const catalog = new CatalogPage(page);
  const shell = new Shell(page);
  await catalog.open();
  expect(await catalog.codes()).toEqual(services().map((s) => s.code).sort());
  for (const lang of LANGS) {
    await shell.switchLanguage(lang);
    await expect(catalog.title()).toHaveText(locale(lang)['catalog.title']);
    const med = service('med-license');
    await expect(catalog.card('med-license').getByRole('link')).toHaveText(med.name[lang]);
    await expect(shell.callCenter()).toHaveText('1414');
  }
  // The choice is remembered across a reload.
  await page.reload();
  await expect(catalog.title()).toHaveText(locale('en')['catalog.title']);
});

for (const [lang, word] of [
  ['kk', 'ветеринария'],
  ['ru', 'пестицидов'],
  ['en', 'grain'],
] as const) {
  test(`search finds services by a ${lang} word`, async ({ page }) => {
    const catalog = new CatalogPage(page);
    await catalog.open();
    await catalog.search(word);
    const codes = await catalog.codes();
    expect(codes).toEqual(servicesMatching(word));
    expect(codes.length).toBeGreaterThan(0);
    expect(codes.length).toBeLessThan(7);
    await page.reload();
    expect(await catalog.codes()).toEqual(codes);
  });
}

test('a search with no match says so and resets', async ({ page }) => {
  const catalog = new CatalogPage(page);
  await catalog.open();
  await catalog.search('qqqzzzxxx');
  await expect(page.getByTestId('no-results')).toBeVisible();
  await page.getByTestId('reset').click();
  await expect(catalog.cards()).toHaveCount(7);
});

test('filters by category, provider and region', async ({ page }) => {
  const catalog = new CatalogPage(page);
  await catalog.open();
  await catalog.filter('category', 'veterinary');
  expect(await catalog.codes()).toEqual(['veterinary']);

  await catalog.open();
  await catalog.filter('provider', 'akmola-agriculture');
  expect(await catalog.codes()).toEqual(
    services().filter((s) => s.providers.includes('akmola-agriculture')).map((s) => s.code).sort(),
  );

  await catalog.open();
  await catalog.filter('region', 'mangistau');
  expect(await catalog.codes()).toEqual(['med-license', 'phc-attachment']);
  // A deep link with filters restores them.
  await page.reload();
  await expect(page.getByTestId('filter-region')).toHaveValue('mangistau');
  expect(await catalog.codes()).toEqual(['med-license', 'phc-attachment']);
});

for (const s of services()) {
  test(`the passport of ${s.code}`, async ({ page }) => {
    const catalog = new CatalogPage(page);
    await catalog.open();
    await catalog.openService(s.code);
    const passport = new PassportPage(page);
    await expect(passport.title()).toHaveText(s.name.ru);
    await expect(passport.providers()).toHaveCount(s.providers.length);
    await expect(passport.requestType('issuance')).toBeVisible();
    if (s.code === 'phc-attachment') {
      await expect(page.getByTestId('request-types').locator('tbody tr')).toHaveCount(1);
    } else {
      await expect(passport.requestType('reissuance')).toBeVisible();
      await expect(passport.requestType('duplicate')).toBeVisible();
    }
    // Issue 27: each seed's items 3 and 4, in its words.
    await expect(page.getByTestId('automation')).toHaveText(locale('ru')[`automation.${s.automation}`]);
    await expect(page.getByTestId('service-kind')).toHaveText(locale('ru')['service_kind.transactional']);
    await expect(page.getByTestId('passport-1414')).toHaveText('1414');
    await expect(passport.orderButton()).toHaveText(locale('ru')['service.order']);
    await passport.orderButton().click();
    await expect(page).toHaveURL(new RegExp(`/login\\?next=/services/${s.code}$`));
  });
}

test('a deep link survives a reload', async ({ page }) => {
  const passport = new PassportPage(page);
  await passport.open('veterinary');
  await page.reload();
  await expect(passport.title()).toHaveText(service('veterinary').name.ru);
  await page.goto('/no/such/page');
  await expect(page.getByTestId('not-found')).toBeVisible();
});

test('a visit fetches only the texts of the language it shows, the pages part when a page opens', async ({ page }) => {
  const fetched: string[] = [];
  page.on('request', (r) => {
    const m = new URL(r.url()).pathname.match(/^\/locales\/((?:pages\/)?\w+)\.json$/);
    if (m) fetched.push(m[1]);
  });
  const catalog = new CatalogPage(page);
  const shell = new Shell(page);
  await catalog.open();
  await expect(catalog.title()).toHaveText(locale('ru')['catalog.title']);
  expect(fetched).toEqual(['ru']);
  await shell.switchLanguage('kk');
  await expect(catalog.title()).toHaveText(locale('kk')['catalog.title']);
  await shell.switchLanguage('ru');
  expect(fetched).toEqual(['ru', 'kk']);
  // A passport page needs the pages part: fetched once, in the language shown.
  const passport = new PassportPage(page);
  await catalog.openService('veterinary');
  await expect(passport.title()).toHaveText(service('veterinary').name.ru);
  await expect(passport.orderButton()).toHaveText(locale('ru')['service.order']);
  expect(fetched).toEqual(['ru', 'kk', 'pages/ru']);
  // From then on a switch brings both parts of the new language.
  await shell.switchLanguage('en');
  await expect(passport.orderButton()).toHaveText(locale('en')['service.order']);
  expect(fetched.slice(3).sort()).toEqual(['en', 'pages/en']);
});

test('the pages part that cannot be fetched is said, and a retry brings the page', async ({ page }) => {
  const catalog = new CatalogPage(page);
  await catalog.open();
  await page.route('**/locales/pages/*.json', (route) => route.abort('internetdisconnected'));
  const passport = new PassportPage(page);
  await page.getByTestId('service-link-veterinary').click();
  await expect(page.getByTestId('texts-failed')).toContainText(locale('ru')['error.network']);
  await page.unroute('**/locales/pages/*.json');
  await page.getByTestId('texts-retry').click();
  await expect(page.getByTestId('texts-failed')).toHaveCount(0);
  await expect(passport.title()).toHaveText(service('veterinary').name.ru);
});

test('a language that cannot be fetched leaves the page as it was and says so', async ({ page }) => {
  const catalog = new CatalogPage(page);
  await catalog.open();
  await catalog.search('grain');
  const codes = await catalog.codes();
  await page.route('**/locales/en.json', (route) => route.abort('internetdisconnected'));
  await page.getByTestId('lang-en').click();
  await expect(page.getByTestId('lang-switch-error')).toHaveText(locale('ru')['lang.switch_failed']);
  await expect(page.getByTestId('lang-ru')).toHaveAttribute('aria-pressed', 'true');
  await expect(catalog.title()).toHaveText(locale('ru')['catalog.title']);
  expect(await catalog.codes()).toEqual(codes);
  // Once the network is back, the same click works and the message goes.
  await page.unroute('**/locales/en.json');
  await new Shell(page).switchLanguage('en');
  await expect(page.getByTestId('lang-switch-error')).toHaveCount(0);
  await expect(catalog.title()).toHaveText(locale('en')['catalog.title']);
});

test('when no texts can be fetched at all, the page says so in the three languages', async ({ page }) => {
  await page.route('**/locales/*.json', (route) => route.fulfill({ status: 503, body: '' }));
  await page.goto('/');
  const message = page.getByTestId('boot-error');
  await expect(message).toBeVisible();
  await expect(message).toContainText('Портал не загрузился');
  await expect(message).toContainText('Портал жүктелмеді');
  await expect(message).toContainText('The portal did not load');
});

test('after a navigation the focus is in the new page, and Tab goes on from there (issue 26)', async ({ page }) => {
  const catalog = new CatalogPage(page);
  await catalog.open();
  await catalog.card('med-license').getByRole('link').click();
  await expect(page).toHaveURL(/\/services\/med-license$/);
  await expect(page.locator('main h1')).toHaveText(service('med-license').name.ru);
  await expect(page.locator('main')).toBeFocused();
  await page.keyboard.press('Tab');
  const inMain = await page.evaluate(() => document.querySelector('main')!.contains(document.activeElement));
  expect(inMain).toBe(true);
});

test('an anonymous visit asks for no session and logs no error (issue 26)', async ({ page }) => {
  const refreshes: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/auth/refresh')) refreshes.push(r.url());
  });
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  for (const path of ['/', '/services/med-license', '/registry', '/stats', '/login', '/register']) {
    await page.goto(path);
    await expect(page.locator('main h1')).toBeVisible();
  }
  expect(refreshes).toEqual([]);
  expect(errors).toEqual([]);
});

test('the passport’s terms table fits the screen, fee column included (issue 26)', async ({ page }) => {
  await page.goto('/services/med-license');
  const table = page.getByTestId('request-types');
  await expect(table).toBeVisible();
  const viewport = page.viewportSize()!;
  const fits = await table.evaluate((t) => {
    const wrap = t.parentElement!;
    return wrap.scrollWidth <= wrap.clientWidth + 1;
  });
  expect(fits).toBe(true);
  for (const cell of await table.locator('td:last-child').all()) {
    const box = (await cell.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
  }
});

test('a passport opened from a link fetches each file of its page and its texts once, named in the page it was served (issue 26)', async ({ page }) => {
  const fetched = new Map<string, number>();
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    const counted = (path.startsWith('/pkg/') && path.endsWith('.wasm')) || path.startsWith('/locales/');
    if (counted) fetched.set(path, (fetched.get(path) ?? 0) + 1);
  });
  const response = await page.goto('/services/med-license');
  const html = await response!.text();
  const hinted = [...html.matchAll(/href=(\/pkg\/[^ >]+\.wasm) rel=preload/g)].map((m) => m[1]);
  expect(hinted).toContain('/pkg/frontend_bg.wasm');
  expect(hinted.some((f) => f.includes('service_route_view'))).toBe(true);
  // And the texts of the language the app starts in, both parts.
  const texts = [...html.matchAll(/href=(\/locales\/[^ >]+\.json) rel=preload/g)].map((m) => m[1]);
  expect(texts).toHaveLength(2);
  hinted.push(...texts);
  await expect(new PassportPage(page).title()).toHaveText(service('med-license').name.ru);
  // A hint the loader's fetch did not reuse would show as a second request.
  for (const file of hinted) expect(fetched.get(file), file).toBe(1);
  expect([...fetched.entries()].filter(([, n]) => n > 1)).toEqual([]);
});
