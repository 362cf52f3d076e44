// axe reports no violations on the account pages and on a story in each reader state.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { newReader, unlockOverHttp } from '../support/http-reader.ts';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
const STORY = '/business/leapmotor-record-deliveries-tesla-challengers/';

async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

test('account pages of a signed-in reader', async ({ browser }) => {
  const reader = await newReader({ verify: true });
  const context = await browser.newContext({ storageState: await reader.api.storageState() });
  const page = await context.newPage();
  for (const path of ['/account/', '/account/security/', '/account/sessions/', '/account/data/', STORY]) {
    await page.goto(path);
    expect(await violations(page), path).toEqual([]);
  }
  await context.close();
});

test('a story for an unverified reader and for a reader with no credits', async ({ browser }) => {
  const unverified = await newReader({ verify: false });
  const poor = await newReader({ verify: true });
  for (const slug of ['comcast-nbcuniversal-sky-spin-off', 'bungie-destiny-2-layoffs-marathon', 'sk-hynix-nasdaq-listing-plan']) {
    expect((await unlockOverHttp(poor, 'business', slug)).status()).toBe(303);
  }
  for (const reader of [unverified, poor]) {
    const context = await browser.newContext({ storageState: await reader.api.storageState() });
    const page = await context.newPage();
    await page.goto(STORY);
    expect(await violations(page)).toEqual([]);
    await context.close();
  }
});

test('link pages with a bad or used token, and the forms with errors', async ({ page }) => {
  for (const path of ['/verify-email/?token=bad', '/sign-in/link/?token=bad', '/reset-password/?token=bad', '/forgot-password/']) {
    await page.goto(path);
    expect(await violations(page), path).toEqual([]);
  }
  await page.goto('/register/');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.locator('.field__error').first()).toBeVisible();
  expect(await violations(page)).toEqual([]);
});

test('oversized and malformed input gets a clear 4xx and keeps the server up', async ({ request }) => {
  const headers = { Origin: 'http://127.0.0.1:4399', 'X-Forwarded-For': '10.250.0.1' };
  const huge = await request.post('/register/?_action=register', { headers, form: { email: `${'a'.repeat(5000)}@example.test`, password: 'x'.repeat(5000) }, maxRedirects: 0 });
  expect(huge.status()).toBe(400);
  expect(await huge.text()).toContain('That e-mail address is too long.');
  const junk = await request.post('/sign-in/?_action=signIn', { headers: { ...headers, 'Content-Type': 'application/x-www-form-urlencoded' }, data: '%%%&&&=\u0000', maxRedirects: 0 });
  expect(junk.status()).toBeGreaterThanOrEqual(400);
  expect(junk.status()).toBeLessThan(500);
  expect((await request.get('/')).status()).toBe(200);
});
