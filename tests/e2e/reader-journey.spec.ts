// A reader's path through the site: home → section → article → related story → author.
import { expect, test } from '@playwright/test';

test('a reader goes from the home page to a section, a story, a related story and its author', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('link', { name: 'Masthead' }).first()).toBeVisible();

  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Business' }).click();
  await expect(page).toHaveURL(/\/business\/$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Business' })).toBeVisible();

  await page.getByRole('link', { name: /Leapmotor/ }).first().click();
  await expect(page).toHaveURL(/\/business\/leapmotor-record-deliveries-tesla-challengers\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('93,376');
  await expect(page.locator('.summary-box')).toBeVisible();
  await expect(page.getByText('Register to Unlock')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Join the Club' })).toBeVisible();

  const related = page.getByRole('region', { name: 'More in Business' });
  await expect(related.getByRole('listitem')).toHaveCount(3);
  await expect(related).toContainText('Comcast');
  await expect(related).toContainText('Bungie');
  await expect(related).toContainText('SK Hynix');

  await related.getByRole('link', { name: /Comcast/ }).click();
  await expect(page).toHaveURL(/\/business\/comcast-nbcuniversal-sky-spin-off\/$/);

  const byline = page.locator('.byline__names a').first();
  const authorName = (await byline.textContent())?.trim() ?? '';
  await byline.click();
  await expect(page).toHaveURL(/\/authors\/[a-z-]+\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(authorName);
  await expect(page.getByRole('link', { name: /Comcast/ })).toBeVisible();
});

test('the article page carries the reference anatomy', async ({ page }) => {
  await page.goto('/business/leapmotor-record-deliveries-tesla-challengers/');
  await expect(page.locator('.article__section')).toHaveText('Business');
  await expect(page.locator('.article__dek')).not.toBeEmpty();
  await expect(page.locator('.byline time').first()).toHaveAttribute('datetime', /^2026-07-02T/);
  await expect(page.locator('.byline')).toContainText('min read');
  await expect(page.locator('.byline')).toContainText('Updated');
  expect(await page.locator('.article__body p').count()).toBeGreaterThanOrEqual(7);
  await expect(page.locator('.locked-teaser')).toContainText('Key Insights and Take-aways are locked');
  await expect(page.locator('.locked-teaser')).toContainText('Executives Club');
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', 'https://news.example.test/business/leapmotor-record-deliveries-tesla-challengers/');
  await expect(page.locator('meta[property="og:type"]')).toHaveAttribute('content', 'article');
  await expect(page.locator('meta[name="twitter:card"]')).toHaveAttribute('content', 'summary');
  await expect(page.getByRole('navigation', { name: 'Breadcrumb' })).toContainText('Business');
});

test('home, sections, authors and tags list only published stories', async ({ page, request }) => {
  for (const path of ['/', '/business/', '/markets/', '/technology/', '/tags/fixtures/', '/authors/sofia-marchetti/']) {
    await page.goto(path);
    await expect(page.locator('body')).not.toContainText('Draft fixture');
    await expect(page.locator('body')).not.toContainText('Scheduled fixture');
  }
  expect((await request.get('/markets/draft-fixture-story/')).status()).toBe(404);
  expect((await request.get('/technology/scheduled-fixture-story/')).status()).toBe(404);
  expect((await request.get('/business/page/1/')).status()).toBe(404);
  expect((await request.get('/no-such-section/')).status()).toBe(404);
});

test('anonymous pages may be kept by a shared cache', async ({ request }) => {
  const res = await request.get('/business/leapmotor-record-deliveries-tesla-challengers/');
  expect(res.headers()['cache-control']).toMatch(/^public, .*s-maxage=\d+/);
  expect(res.headers()['set-cookie']).toBeUndefined();
  const missing = await request.get('/no-such-page/');
  expect(missing.status()).toBe(404);
  expect(missing.headers()['cache-control'] ?? '').not.toMatch(/public/);
});

test('a section with more stories than a page is paginated', async ({ page, request }) => {
  await page.goto('/archive/');
  await expect(page.locator('.story-list > li')).toHaveCount(12);
  await expect(page.locator('.story-list > li').first()).toContainText('Archive fixture story 14');
  await page.getByRole('link', { name: 'Older stories →' }).click();
  await expect(page).toHaveURL(/\/archive\/page\/2\/$/);
  await expect(page.locator('.story-list > li')).toHaveCount(2);
  await expect(page.getByText('Page 2 of 2')).toBeVisible();
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', 'https://news.example.test/archive/page/2/');
  await page.getByRole('link', { name: '← Newer stories' }).click();
  await expect(page).toHaveURL(/\/archive\/$/);
  expect((await request.get('/archive/page/3/')).status()).toBe(404);
});
