// The paywall in the browser and over HTTP: the reader's journey to an unlock, the offers of
// each state, members, and unlocking under concurrency against the running server.
import { expect, test } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { waitForMail } from '../support/mail-inbox.ts';
import { demoReader, newReader, shownBalance, unlockOverHttp } from '../support/http-reader.ts';
import { sitemapUrls } from '../support/crawl.ts';

const STORY = '/business/leapmotor-record-deliveries-tesla-challengers/';
const BUSINESS = ['comcast-nbcuniversal-sky-spin-off', 'bungie-destiny-2-layoffs-marathon', 'sk-hynix-nasdaq-listing-plan', 'leapmotor-record-deliveries-tesla-challengers'];
const TECHNOLOGY = ['veyra-silicon-delays-inference-chip-tape-out', 'ledgerline-moves-to-usage-pricing-as-ai-agents-shrink-seats', 'northmere-cloud-power-deal-oklahoma-ai-campus', 'corvane-payments-breach-3-million-cards-disclosure', 'greyharbor-takes-rijnveld-software-private'];
const MEDIA = ['tidewell-raises-ad-free-price-launches-ad-tier', 'brennard-press-paywall-lifts-digital-subscribers-to-212000', 'brightfell-hollowline-live-service-players-fall-60-percent', 'westmarch-buys-quillstone-audio-86-million-podcast-deal', 'continental-hockey-alliance-rights-auction-tidewell'];

test('an anonymous reader registers to unlock, returns to the story, unlocks it and keeps it', async ({ page }) => {
  const email = `journey-${randomBytes(5).toString('hex')}@example.test`;
  const password = `my unlock phrase ${randomBytes(3).toString('hex')}`;
  await page.setExtraHTTPHeaders({ 'X-Forwarded-For': `10.200.${randomBytes(1)[0]}.${randomBytes(1)[0]}` });
  await page.goto(STORY);
  await expect(page.locator('.locked-teaser')).toContainText('Key Insights and Take-aways are locked');
  await page.getByRole('link', { name: 'Register to Unlock' }).click();
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { name: 'Check your e-mail' })).toBeVisible();

  const { path } = await waitForMail({ to: email, subject: 'Confirm your e-mail' });
  await page.goto(path);
  await page.getByRole('button', { name: 'Confirm my e-mail address' }).click();
  await expect(page).toHaveURL(new RegExp(`${STORY}$`));

  const unlock = page.getByRole('button', { name: 'Unlock for 1 credit (you have 3)' });
  await expect(unlock).toBeVisible();
  await unlock.click();
  await expect(page).toHaveURL(new RegExp(`${STORY}#key-insights$`));
  await expect(page.getByRole('heading', { name: 'Key Insights and Take-aways' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Executive Actions' })).toBeVisible();
  await expect(page.locator('.locked-teaser')).toHaveCount(0);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.goto(STORY);
  await expect(page.locator('.locked-teaser')).toBeVisible();
  await page.goto(`/sign-in/?next=${encodeURIComponent(STORY)}`);
  await page.getByLabel('E-mail address').first().fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`${STORY}$`));
  await expect(page.getByRole('heading', { name: 'Key Insights and Take-aways' })).toBeVisible();

  await page.goto('/account/');
  await expect(page.locator('.credits-balance__number')).toHaveText('2');
  await expect(page.getByRole('link', { name: /Leapmotor/ })).toBeVisible();
  await expect(page.locator('.ledger')).toContainText('Unlocked');
  await expect(page.locator('.ledger')).toContainText('Welcome credits');
});

test('a reader with no credits left sees the no-credits offer', async ({ browser }) => {
  const reader = await newReader({ verify: true });
  for (const slug of BUSINESS.slice(0, 3)) expect((await unlockOverHttp(reader, 'business', slug)).status()).toBe(303);
  expect(await shownBalance(reader)).toBe(0);
  const context = await browser.newContext({ storageState: await reader.api.storageState() });
  const page = await context.newPage();
  await page.goto(STORY);
  const offer = page.locator('.locked-teaser');
  await expect(offer).toHaveAttribute('data-state', 'no-credits');
  await expect(offer).toContainText('You have no credits left');
  await expect(offer.getByRole('link', { name: 'Buy a credit pack' })).toBeVisible();
  await expect(offer.getByRole('link', { name: 'Join the Club' })).toBeVisible();
  const refused = await unlockOverHttp(reader, 'business', 'leapmotor-record-deliveries-tesla-challengers');
  expect(refused.status()).toBe(402);
  expect(await refused.text()).toContain('You have no credits left');
  await context.close();
});

test('an unverified reader is asked to confirm their address', async ({ browser }) => {
  const reader = await newReader({ verify: false });
  const context = await browser.newContext({ storageState: await reader.api.storageState() });
  const page = await context.newPage();
  await page.goto(STORY);
  await expect(page.locator('.locked-teaser')).toHaveAttribute('data-state', 'unverified');
  await page.getByRole('button', { name: 'Send the link again' }).click();
  await expect(page.getByText(`We have sent a new confirmation link to ${reader.email}`)).toBeVisible();
  await context.close();
});

test('the demo member sees every locked part, and an editor sees them marked', async ({ browser }) => {
  const member = await demoReader('member');
  const articles = (await sitemapUrls()).filter((u) => /\/[a-z]+\/[a-z0-9-]+\/$/.test(new URL(u).pathname) && !/\/(authors|tags|archive)\//.test(u));
  expect(articles.length).toBeGreaterThan(20);
  for (const url of articles) {
    const html = await (await member.api.get(new URL(url).pathname)).text();
    expect(html, url).toContain('id="key-insights-heading"');
    expect(html, url).not.toContain('class="locked-part locked-teaser"');
  }
  const editor = await demoReader('editor');
  const context = await browser.newContext({ storageState: await editor.api.storageState() });
  const page = await context.newPage();
  await page.goto(STORY);
  await expect(page.locator('.locked-part__editor-note').first()).toContainText('Locked for readers');
  await expect(page.getByRole('heading', { name: 'Executive Actions' })).toBeVisible();
  await context.close();
});

test.describe('unlocking under concurrency, over HTTP', () => {
  test('forty simultaneous unlocks of one story by a reader with 1 credit debit once', async () => {
    const reader = await newReader({ verify: true });
    for (const slug of TECHNOLOGY.slice(0, 2)) expect((await unlockOverHttp(reader, 'technology', slug)).status()).toBe(303);
    expect(await shownBalance(reader)).toBe(1);
    const results = await Promise.all(Array.from({ length: 40 }, () => unlockOverHttp(reader, 'technology', TECHNOLOGY[2]!)));
    expect(results.every((r) => r.status() === 303)).toBe(true);
    expect(await shownBalance(reader)).toBe(0);
    const account = await (await reader.api.get('/account/')).text();
    expect(account.match(/Unlocked: /g)).toHaveLength(3);
  });

  test('a reader with 3 credits unlocking 10 stories at once gets exactly 3', async () => {
    const reader = await newReader({ verify: true });
    const stories = [...MEDIA.map((s) => ['media', s] as const), ...TECHNOLOGY.map((s) => ['technology', s] as const)];
    const results = await Promise.all(stories.map(([section, slug]) => unlockOverHttp(reader, section, slug)));
    const statuses = results.map((r) => r.status());
    expect(statuses.filter((s) => s === 303)).toHaveLength(3);
    expect(statuses.filter((s) => s === 402)).toHaveLength(7);
    for (const refused of results.filter((r) => r.status() === 402)) expect(await refused.text()).toContain('You have no credits left');
    expect(await shownBalance(reader)).toBe(0);
  });
});

test('an unknown story cannot be unlocked and costs nothing', async () => {
  const reader = await newReader({ verify: true });
  const res = await unlockOverHttp(reader, 'business', 'no-such-story');
  expect(res.status()).toBe(404);
  const draft = await reader.api.post('/business/leapmotor-record-deliveries-tesla-challengers/?_action=unlock', { form: { slug: 'draft-fixture-story' }, maxRedirects: 0 });
  expect(draft.status()).toBe(404);
  expect(await draft.text()).toContain('does not exist or is not published');
  expect(await shownBalance(reader)).toBe(3);
});
