// Drafts and scheduled stories: editors and admins preview them at their own URLs with a
// banner; for every reader they do not exist (404, and none of their text anywhere).
import { expect, test } from '@playwright/test';
import { browserFor } from '../support/browser-context.ts';
import { anonymousClient, demoReader, newReader, type HttpReader } from '../support/http-reader.ts';

const DRAFT = '/markets/draft-fixture-story/';
const SCHEDULED = '/technology/scheduled-fixture-story/';
const UNPUBLISHED_TEXT = ['Pellinor Freight', 'Draft insight line', 'Orrindale Mills', 'Scheduled insight line', 'Scheduled action line'];

for (const who of ['editor', 'admin'] as const) {
  test(`an ${who} previews a draft and a scheduled story, locked parts included, marked as previews`, async ({ browser }) => {
    const staff = await demoReader(who);
    const { context, page } = await browserFor(browser, await staff.api.storageState());

    const draft = await page.goto(DRAFT);
    expect(draft?.status()).toBe(200);
    expect(draft?.headers()['cache-control']).toBe('private, no-store');
    expect(draft?.headers()['x-robots-tag']).toBe('noindex, nofollow');
    await expect(page.locator('.preview-banner')).toContainText('Draft: preview');
    await expect(page.locator('.preview-banner')).toContainText('Only editors and admins can see this story.');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Draft fixture: Pellinor Freight weighs a sale of its depot network');
    await expect(page.getByText('Draft insight line.')).toBeVisible();
    await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', 'noindex');

    await page.goto(SCHEDULED);
    await expect(page.locator('.preview-banner')).toContainText('Scheduled: preview');
    await expect(page.locator('.preview-banner time')).toHaveAttribute('datetime', '2099-01-01T09:00:00.000Z');
    await expect(page.locator('.preview-banner')).toContainText('Jan 1, 2099');
    await expect(page.getByText('Scheduled action line.')).toBeVisible();

    // The desk lists both, linking to these previews.
    await page.goto('/desk/');
    await expect(page.getByRole('table', { name: 'Drafts' }).getByRole('link', { name: /Pellinor Freight/ })).toHaveAttribute('href', DRAFT);
    await expect(page.getByRole('table', { name: 'Scheduled' }).getByRole('link', { name: /Orrindale Mills/ })).toHaveAttribute('href', SCHEDULED);
    await context.close();
  });
}

test('for every reader a draft and a scheduled story do not exist', async () => {
  const readers: [string, () => Promise<HttpReader['api']>][] = [
    ['anonymous', () => anonymousClient()],
    ['unverified', async () => (await newReader({ verify: false })).api],
    ['verified reader', async () => (await newReader({ verify: true })).api],
    ['member', async () => (await demoReader('member')).api],
  ];
  for (const [who, client] of readers) {
    const api = await client();
    for (const path of [DRAFT, SCHEDULED]) {
      const response = await api.get(path);
      expect(response.status(), `${who} at ${path}`).toBe(404);
      const html = await response.text();
      for (const text of UNPUBLISHED_TEXT) expect(html, `${who} at ${path}`).not.toContain(text);
    }
    // Nor anywhere a reader can list stories.
    for (const path of ['/', '/markets/', '/technology/', '/tags/fixtures/', '/rss.xml', '/sitemap.xml', '/search/?q=Pellinor', '/search/?q=Orrindale']) {
      const html = await (await api.get(path)).text();
      for (const text of UNPUBLISHED_TEXT) expect(html, `${who} at ${path}`).not.toContain(text);
    }
  }
});
