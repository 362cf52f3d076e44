// The article page at phone width (axe on every page type in every reader state is in
// accessibility-every-state.spec.ts).
import { expect, test } from '@playwright/test';

const ARTICLE = '/business/leapmotor-record-deliveries-tesla-challengers/';

test('the article page works at phone width without horizontal scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto(ARTICLE);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});
