// axe on every page type in every reader state: anonymous, unverified, able to unlock, out of
// credits, having unlocked the story, member, editor and admin. Each state's pages are
// checked in one test so its reader is made once; the failure lists every violation by page.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { browserFor } from '../support/browser-context.ts';
import { demoReader, newReader, unlockOverHttp, type HttpReader } from '../support/http-reader.ts';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
const STORY_SLUG = 'leapmotor-record-deliveries-tesla-challengers';
const STORY = `/business/${STORY_SLUG}/`;

const PUBLIC_PAGES = [
  '/',
  '/business/',
  STORY,
  '/authors/mei-lin-zhao/',
  '/tags/electric-vehicles/',
  '/search/?q=battery',
  '/search/',
  '/no-such-page/',
  '/club/',
  '/credits/',
  '/register/',
  '/sign-in/',
  '/forgot-password/',
];
const ACCOUNT_PAGES = ['/account/', '/account/security/', '/account/sessions/', '/account/data/'];
const DESK_PAGES = ['/desk/', '/desk/?window=30', '/markets/draft-fixture-story/', '/technology/scheduled-fixture-story/'];

type State = { reader: () => Promise<HttpReader | undefined>; pages: string[] };

const outOfCredits = async () => {
  const reader = await newReader({ verify: true });
  for (const slug of ['comcast-nbcuniversal-sky-spin-off', 'bungie-destiny-2-layoffs-marathon', 'sk-hynix-nasdaq-listing-plan']) {
    expect((await unlockOverHttp(reader, 'business', slug)).status()).toBe(303);
  }
  return reader;
};
const unlocked = async () => {
  const reader = await newReader({ verify: true });
  expect((await unlockOverHttp(reader, 'business', STORY_SLUG)).status()).toBe(303);
  return reader;
};

const READER_PAGES = [...PUBLIC_PAGES, ...ACCOUNT_PAGES, '/desk/'];
const STATES: Record<string, State> = {
  anonymous: { reader: async () => undefined, pages: PUBLIC_PAGES },
  unverified: { reader: () => newReader({ verify: false }), pages: READER_PAGES },
  'can-unlock': { reader: () => newReader({ verify: true }), pages: READER_PAGES },
  'no-credits': { reader: outOfCredits, pages: READER_PAGES },
  unlocked: { reader: unlocked, pages: READER_PAGES },
  member: { reader: () => demoReader('member'), pages: READER_PAGES },
  editor: { reader: () => demoReader('editor'), pages: [...PUBLIC_PAGES, ...ACCOUNT_PAGES, ...DESK_PAGES, '/desk/people/'] },
  admin: { reader: () => demoReader('admin'), pages: [...PUBLIC_PAGES, ...ACCOUNT_PAGES, ...DESK_PAGES, '/desk/people/'] },
};

async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

for (const [name, state] of Object.entries(STATES)) {
  test(`no accessibility violations on any page for a reader who is ${name}`, async ({ browser }) => {
    test.setTimeout(120_000);
    const reader = await state.reader();
    const { context, page } = await browserFor(browser, reader ? await reader.api.storageState() : undefined);
    const found: Record<string, string[]> = {};
    for (const path of state.pages) {
      await page.goto(path);
      const problems = await violations(page);
      if (problems.length > 0) found[path] = problems;
    }
    await context.close();
    expect(found).toEqual({});
  });
}
