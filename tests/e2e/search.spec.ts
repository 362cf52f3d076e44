// Search finds stories by their free text and never by their locked parts.
import { expect, test } from '@playwright/test';
import { BODY_ONLY_WORD, LOCKED_ONLY_WORD } from '../support/canary.ts';

test('search finds a story by a word of its body, with a marked snippet', async ({ page }) => {
  await page.goto('/search/');
  await page.getByLabel(/Search stories/).fill(BODY_ONLY_WORD);
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/\/search\/\?q=Brisvander$/);
  const results = page.locator('.search-result');
  await expect(results).toHaveCount(1);
  await expect(results.first().getByRole('link', { name: /quiet quarter as fixture testing/ })).toBeVisible();
  await expect(results.first().locator('mark').first()).toHaveText(BODY_ONLY_WORD);
});

test('search does not find a story by a word of its locked part', async ({ page }) => {
  await page.goto(`/search/?q=${LOCKED_ONLY_WORD}`);
  await expect(page.locator('.search-result')).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 2 })).toContainText('No stories match');
});

test('search ranks a headline match first and ignores drafts', async ({ page }) => {
  await page.goto('/search/?q=Leapmotor');
  await expect(page.locator('.search-result').first()).toContainText('Leapmotor');
  await page.goto('/search/?q=Pellinor');
  await expect(page.locator('.search-result')).toHaveCount(0);
});

test('search answers a query of stop words with no result, and a page that is not one with 404', async ({ request }) => {
  const stopWords = await request.get('/search/?q=the+and+of');
  expect(stopWords.status()).toBe(200);
  const html = await stopWords.text();
  expect(html).toContain('No stories match “the and of”.');
  expect(html).not.toMatch(/<li class="[^"]*\bsearch-result\b/);
  for (const pageParam of ['0', 'two', '50']) {
    const res = await request.get(`/search/?q=fixture&page=${pageParam}`);
    expect(res.status(), `page=${pageParam}`).toBe(404);
    expect(await res.text()).toContain('There is no such page of results');
  }
});

test('search results are public and filed under the front cache key, with no key header sent out', async ({ request }) => {
  const res = await request.get(`/search/?q=${BODY_ONLY_WORD}`);
  expect(res.status()).toBe(200);
  expect(res.headers()['cache-control']).toMatch(/public/);
  expect(res.headers()['x-cache-keys']).toBeUndefined();
});
