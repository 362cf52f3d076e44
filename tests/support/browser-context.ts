// Browser contexts for tests that go through the Stripe double: each with its own client
// address, optionally signed in (an HTTP reader's cookies), and with the site's canonical
// address (where Stripe sends readers back) leading to the test server.
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { TEST_BASE_URL, TEST_SITE_URL } from './test-site.ts';
import { randomClientAddress } from './http-forms.ts';

/** Stripe returns the reader to SITE_URL (news.example.test in the test build); send it here. */
export async function canonicalToTestServer(context: BrowserContext): Promise<void> {
  await context.route(`${TEST_SITE_URL}/**`, (route) => {
    const url = new URL(route.request().url());
    return route.fulfill({ status: 302, headers: { Location: `${TEST_BASE_URL}${url.pathname}${url.search}` } });
  });
}

export async function browserFor(browser: Browser, storageState?: Awaited<ReturnType<BrowserContext['storageState']>>): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ ...(storageState ? { storageState } : {}), extraHTTPHeaders: { 'X-Forwarded-For': randomClientAddress() } });
  await canonicalToTestServer(context);
  return { context, page: await context.newPage() };
}
