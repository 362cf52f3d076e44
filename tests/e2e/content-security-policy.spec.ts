// The Content-Security-Policy in a real browser: every page type, anonymous, as a reader and
// as an editor, loads with no script or style blocked (a violation listener on each page),
// and the policy forbids framing. Astro's security.csp runs only on the built server, which
// is what these tests run against.
import { expect, test, type Page } from '@playwright/test';
import { browserFor } from '../support/browser-context.ts';
import { demoReader, newReader, type HttpReader } from '../support/http-reader.ts';

const STORY = '/business/leapmotor-record-deliveries-tesla-challengers/';
const PUBLIC_PAGES = [
  '/', '/business/', STORY, '/authors/mei-lin-zhao/', '/tags/electric-vehicles/', '/search/?q=battery',
  '/no-such-page/', '/club/', '/credits/', '/register/', '/sign-in/', '/forgot-password/',
];
const ACCOUNT_PAGES = ['/account/', '/account/security/', '/account/sessions/', '/account/data/'];
const DESK_PAGES = ['/desk/', '/desk/people/', '/markets/draft-fixture-story/'];

declare global {
  interface Window {
    cspViolations?: string[];
  }
}

/** Records every violation the page reports, from the first byte of each document. */
async function watchViolations(page: Page): Promise<string[]> {
  const console: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) console.push(message.text());
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      (window.cspViolations ??= []).push(`${event.violatedDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`);
    });
  });
  return console;
}

async function visitAll(page: Page, paths: string[], consoleViolations: string[]): Promise<Record<string, string[]>> {
  const found: Record<string, string[]> = {};
  for (const path of paths) {
    const response = await page.goto(path);
    const policy = (await response?.allHeaders())?.['content-security-policy'] ?? '';
    const problems = [...((await page.evaluate(() => window.cspViolations ?? [])) as string[]), ...consoleViolations.splice(0)];
    if (!/frame-ancestors 'none'/.test(policy)) problems.push(`no frame-ancestors 'none' in "${policy}"`);
    if (!/style-src[^;]*'sha256-/.test(policy)) problems.push(`not Astro's hashed policy: "${policy}"`);
    if (problems.length > 0) found[path] = problems;
  }
  return found;
}

const STATES: Record<string, { reader: () => Promise<HttpReader | undefined>; pages: string[] }> = {
  anonymous: { reader: async () => undefined, pages: PUBLIC_PAGES },
  'a verified reader': { reader: () => newReader({ verify: true }), pages: [...PUBLIC_PAGES, ...ACCOUNT_PAGES] },
  'an admin': { reader: () => demoReader('admin'), pages: [STORY, ...ACCOUNT_PAGES, ...DESK_PAGES] },
};

for (const [name, state] of Object.entries(STATES)) {
  test(`no script or style is blocked on any page for ${name}`, async ({ browser }) => {
    test.setTimeout(120_000);
    const reader = await state.reader();
    const { context, page } = await browserFor(browser, reader ? await reader.api.storageState() : undefined);
    const consoleViolations = await watchViolations(page);
    const found = await visitAll(page, state.pages, consoleViolations);
    await context.close();
    expect(found).toEqual({});
  });
}

test('signing in through the form works under the policy and lands on a page without violations', async ({ browser }) => {
  const reader = await newReader({ verify: true });
  const { context, page } = await browserFor(browser);
  const consoleViolations = await watchViolations(page);
  await page.goto('/sign-in/?next=/account/');
  const form = page.locator('form').filter({ has: page.getByRole('button', { name: 'Sign in', exact: true }) });
  await form.getByLabel('E-mail address').fill(reader.email);
  await form.getByLabel('Password', { exact: true }).fill(reader.password);
  await form.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/account\/$/);
  expect([...((await page.evaluate(() => window.cspViolations ?? [])) as string[]), ...consoleViolations]).toEqual([]);
  await context.close();
});
