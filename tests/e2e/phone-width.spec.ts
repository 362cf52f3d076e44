// The article page at phone width (axe on every page type in every reader state is in
// accessibility-every-state.spec.ts).
import { expect, test, type Page } from '@playwright/test';
import { browserFor } from '../support/browser-context.ts';
import { demoReader } from '../support/http-reader.ts';

const ARTICLE = '/business/leapmotor-record-deliveries-tesla-challengers/';

test('the article page works at phone width without horizontal scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto(ARTICLE);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

test("an editor's pages fit a phone too: the header with the desk link, the desk, a preview", async ({ browser }) => {
  const editor = await demoReader('editor');
  const { context, page } = await browserFor(browser, await editor.api.storageState());
  await page.setViewportSize({ width: 360, height: 740 });
  for (const path of [ARTICLE, '/desk/', '/markets/draft-fixture-story/']) {
    await page.goto(path);
    expect(await horizontalOverflow(page), path).toBeLessThanOrEqual(0);
  }
  await context.close();
});
