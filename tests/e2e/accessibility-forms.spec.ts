// axe on the pages reached through links with bad tokens and on forms showing errors (every
// page type in every reader state is in accessibility-every-state.spec.ts).
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { TEST_BASE_URL } from '../support/test-site.ts';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

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
  const headers = { Origin: TEST_BASE_URL, 'X-Forwarded-For': '10.250.0.1' };
  const huge = await request.post('/register/?_action=register', { headers, form: { email: `${'a'.repeat(5000)}@example.test`, password: 'x'.repeat(5000) }, maxRedirects: 0 });
  expect(huge.status()).toBe(400);
  expect(await huge.text()).toContain('That e-mail address is too long.');
  const junk = await request.post('/sign-in/?_action=signIn', { headers: { ...headers, 'Content-Type': 'application/x-www-form-urlencoded' }, data: '%%%&&&=\u0000', maxRedirects: 0 });
  expect(junk.status()).toBeGreaterThanOrEqual(400);
  expect(junk.status()).toBeLessThan(500);
  expect((await request.get('/')).status()).toBe(200);
});
