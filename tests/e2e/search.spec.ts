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
