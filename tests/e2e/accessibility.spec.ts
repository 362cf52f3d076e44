// axe reports no violations on any page type.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';

const PAGES = {
  home: '/',
  section: '/business/',
  article: '/business/leapmotor-record-deliveries-tesla-challengers/',
  author: '/authors/mei-lin-zhao/',
  tag: '/tags/electric-vehicles/',
  search: '/search/?q=battery',
  'empty search': '/search/',
  'not found': '/no-such-page/',
};

for (const [name, path] of Object.entries(PAGES)) {
  test(`the ${name} page has no accessibility violations`, async ({ page }) => {
    await page.goto(path);
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
  });
}

test('the article page works at phone width without horizontal scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto(PAGES.article);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});
