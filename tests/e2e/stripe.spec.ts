// Payments in the browser, through the Stripe double the test server is wired to: joining the
// Club from a story, cancelling in the portal until the period ends, buying a credit pack
// (granted once, however often its webhook comes), and the webhook endpoint over HTTP.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import Stripe from 'stripe';
import { formatDate } from '../../src/lib/content/format.ts';
import { anonymousClient, newReader, shownBalance } from '../support/http-reader.ts';
import { browserFor } from '../support/browser-context.ts';
import { waitForMail } from '../support/mail-inbox.ts';
import type { SentEvent } from '../support/stripe-double/index.ts';
import { TEST_BASE_URL, TEST_STRIPE_URL, TEST_STRIPE_WEBHOOK_SECRET } from '../support/test-site.ts';

const STORY = '/business/leapmotor-record-deliveries-tesla-challengers/';
/** Where the endpoint answers (see 'at the address the README gives Stripe' below for the URL without the slash). */
const WEBHOOK = '/api/stripe/webhook/';

/** What the double has sent to the test server so far. */
async function sentEvents(): Promise<SentEvent[]> {
  const response = await fetch(`${TEST_STRIPE_URL}/__double/events`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { data: SentEvent[] }).data;
}

/** The checkout.session.completed event of this reader's paid checkout of a given mode. */
async function completedCheckout(email: string, mode: 'subscription' | 'payment'): Promise<SentEvent & { session: Stripe.Checkout.Session }> {
  const found = (await sentEvents())
    .filter((s) => s.event.type === 'checkout.session.completed')
    .map((s) => ({ ...s, session: s.event.data.object as unknown as Stripe.Checkout.Session }))
    .filter((s) => s.session.mode === mode && s.session.customer_details?.email === email);
  expect(found, `one paid ${mode} checkout for ${email}`).toHaveLength(1);
  return found[0]!;
}

/** Registers in the browser from wherever the page is, and confirms the address by e-mail. */
async function registerAndVerify(page: Page): Promise<string> {
  const email = `club-${randomBytes(5).toString('hex')}@example.test`;
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(`a club phrase ${randomBytes(3).toString('hex')}`);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { name: 'Check your e-mail' })).toBeVisible();
  const { path } = await waitForMail({ to: email, subject: 'Confirm your e-mail' });
  await page.goto(path);
  await page.getByRole('button', { name: 'Confirm my e-mail address' }).click();
  return email;
}

async function expectStoryOpen(page: Page): Promise<void> {
  await page.goto(STORY);
  await expect(page.getByRole('heading', { name: 'Key Insights and Take-aways', exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Executive Actions', exact: true })).toBeVisible();
  await expect(page.locator('.locked-teaser')).toHaveCount(0);
}

test.describe('the Executives Club', () => {
  test('an anonymous reader joins from a story, pays, reads every locked part, then cancels until the period ends', async ({ browser }) => {
    test.setTimeout(60_000);
    const { context, page } = await browserFor(browser);

    // (a) From the story to the Club, through registration, to payment.
    await page.goto(STORY);
    await page.locator('.locked-teaser').getByRole('link', { name: 'Join the Club' }).click();
    await expect(page).toHaveURL(/\/club\/\?next=/);
    await page.getByRole('link', { name: 'Join monthly' }).click();
    const email = await registerAndVerify(page);
    await expect(page).toHaveURL(/\/club\/\?plan=monthly&next=/);
    await expect(page.locator('.plan--chosen')).toHaveAttribute('aria-labelledby', 'plan-monthly');
    await page.getByRole('button', { name: 'Continue to payment (monthly)' }).click();
    await expect(page).toHaveURL(new RegExp(`^${TEST_STRIPE_URL}/pay/cs_test_`));
    await expect(page.getByRole('heading', { name: 'Subscribe to Executives Club (monthly)' })).toBeVisible();
    await page.getByRole('button', { name: 'Pay' }).click();

    await expect(page).toHaveURL(new RegExp(`^${TEST_BASE_URL}/club/welcome/\\?session_id=cs_test_`));
    await expect(page.getByRole('heading', { name: 'Welcome to the Executives Club' })).toBeVisible();
    await expect(page.getByText('Your monthly membership is active')).toBeVisible();
    await page.getByRole('link', { name: 'Back to your story' }).click();
    await expect(page).toHaveURL(new RegExp(`${STORY}$`));
    await expectStoryOpen(page);

    const { session } = await completedCheckout(email, 'subscription');
    const subscription = (await sentEvents()).find((s) => s.event.type === 'customer.subscription.created' && (s.event.data.object as { id: string }).id === session.subscription)?.event.data.object as unknown as Stripe.Subscription;
    const renews = formatDate(new Date(subscription.items.data[0]!.current_period_end * 1000));
    await page.goto('/account/');
    const membership = page.locator('section[aria-labelledby="membership-heading"]');
    await expect(membership).toContainText('Executives Club, monthly.');
    await expect(membership).toContainText(`Renews on ${renews}.`);
    await expect(membership.getByRole('button', { name: 'Manage billing' })).toBeVisible();

    // (b) Cancel in the portal: access lasts until the period ends, then the offer is back.
    await membership.getByRole('button', { name: 'Manage billing' }).click();
    await expect(page).toHaveURL(new RegExp(`^${TEST_STRIPE_URL}/portal/bps_`));
    await expect(page.getByText(`Billing for ${email}`)).toBeVisible();
    await page.getByRole('button', { name: 'Cancel plan' }).click();
    await expect(page).toHaveURL(`${TEST_BASE_URL}/account/`);
    await expect(membership).toContainText(`Cancelled: your access ends on ${renews}.`);
    await expectStoryOpen(page);

    const ended = await fetch(`${TEST_STRIPE_URL}/__double/subscriptions/${String(session.subscription)}/end-period`, { method: 'POST' });
    expect(ended.status).toBe(200);
    await page.goto(STORY);
    await expect(page.locator('.locked-teaser')).toBeVisible();
    await expect(page.locator('.locked-teaser')).toHaveAttribute('data-state', 'can-unlock');
    await expect(page.getByRole('heading', { name: 'Key Insights and Take-aways', exact: true })).toHaveCount(0);
    await expect(page.getByRole('heading', { name: 'Executive Actions', exact: true })).toHaveCount(0);
    await page.goto('/account/');
    await expect(membership).toContainText('You are not a member.');
    await context.close();
  });
});

test.describe('credit packs', () => {
  test('a reader buys 5 credits; a resent webhook does not add them again', async ({ browser }) => {
    const reader = await newReader({ verify: true });
    const { context, page } = await browserFor(browser, await reader.api.storageState());
    await page.goto('/credits/');
    await expect(page.locator('.credits-balance__number')).toHaveText('3');
    await page.getByRole('button', { name: 'Buy 5 credits' }).click();
    await expect(page).toHaveURL(new RegExp(`^${TEST_STRIPE_URL}/pay/cs_test_`));
    await page.getByRole('button', { name: 'Pay' }).click();
    await expect(page).toHaveURL(new RegExp(`^${TEST_BASE_URL}/credits/thanks/\\?session_id=cs_test_`));
    await expect(page.getByRole('heading', { name: 'Your credits are ready' })).toBeVisible();
    await expect(page.getByText('5 credits were added. You now have 8 credits.')).toBeVisible();

    const { event } = await completedCheckout(reader.email, 'payment');
    const resent = await fetch(`${TEST_STRIPE_URL}/__double/events/${event.id}/resend`, { method: 'POST' });
    expect(resent.status).toBe(200);
    const deliveries = ((await resent.json()) as SentEvent).deliveries;
    expect(deliveries.map((d) => d.status)).toEqual([200, 200]);
    expect(await shownBalance(reader)).toBe(8);
    await page.reload();
    await expect(page.getByText('You now have 8 credits.')).toBeVisible();
    await context.close();
  });
});

test.describe('the webhook endpoint', () => {
  const unknownEvent = (id: string) =>
    JSON.stringify({ id, object: 'event', type: 'customer.tax_id.created', api_version: Stripe.API_VERSION, created: Math.floor(Date.now() / 1000), livemode: false, data: { object: { id: 'txi_test', object: 'tax_id' } } });

  test('refuses a bad signature and a missing one with 400, storing nothing', async () => {
    const api = await anonymousClient();
    const id = `evt_e2e_${randomBytes(8).toString('hex')}`;
    const payload = unknownEvent(id);
    const forged = Stripe.webhooks.generateTestHeaderString({ payload, secret: 'whsec_not_the_servers' });
    const bad = await api.post(WEBHOOK, { data: payload, headers: { 'Content-Type': 'application/json', 'Stripe-Signature': forged } });
    expect(bad.status()).toBe(400);
    expect(await bad.json()).toEqual({ error: 'The signature does not match this payload.' });
    const tampered = await api.post(WEBHOOK, {
      data: payload.replace('customer.tax_id.created', 'checkout.session.completed'),
      headers: { 'Content-Type': 'application/json', 'Stripe-Signature': Stripe.webhooks.generateTestHeaderString({ payload, secret: TEST_STRIPE_WEBHOOK_SECRET }) },
    });
    expect(tampered.status()).toBe(400);
    const unsigned = await api.post(WEBHOOK, { data: payload, headers: { 'Content-Type': 'application/json' } });
    expect(unsigned.status()).toBe(400);
    expect(await unsigned.json()).toEqual({ error: 'Missing Stripe-Signature header.' });

    // Nothing was stored: the same event, properly signed, is new to the server.
    const signed = Stripe.webhooks.generateTestHeaderString({ payload, secret: TEST_STRIPE_WEBHOOK_SECRET });
    const good = await api.post(WEBHOOK, { data: payload, headers: { 'Content-Type': 'application/json', 'Stripe-Signature': signed } });
    expect(await good.json()).toEqual({ received: true, outcome: 'ignored' });
  });

  test('acknowledges a signed event of a type it does not use as ignored, then as a duplicate', async () => {
    const api = await anonymousClient();
    const payload = unknownEvent(`evt_e2e_${randomBytes(8).toString('hex')}`);
    const post = () => api.post(WEBHOOK, { data: payload, headers: { 'Content-Type': 'application/json', 'Stripe-Signature': Stripe.webhooks.generateTestHeaderString({ payload, secret: TEST_STRIPE_WEBHOOK_SECRET }) } });
    const first = await post();
    expect(first.status()).toBe(200);
    expect(await first.json()).toEqual({ received: true, outcome: 'ignored' });
    const again = await post();
    expect(again.status()).toBe(200);
    expect(await again.json()).toEqual({ received: true, outcome: 'duplicate' });
  });
});

test.describe('the webhook endpoint, at the address the README gives Stripe', () => {
  // Stripe does not follow redirects: a POST here must be answered, never redirected.
  test('takes a signed POST to /api/stripe/webhook without redirecting it', async () => {
    const api = await anonymousClient();
    const payload = JSON.stringify({ id: `evt_e2e_${randomBytes(8).toString('hex')}`, object: 'event', type: 'customer.tax_id.created', livemode: false, data: { object: { id: 'txi_test' } } });
    const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: TEST_STRIPE_WEBHOOK_SECRET });
    const response = await api.post('/api/stripe/webhook', { data: payload, headers: { 'Content-Type': 'application/json', 'Stripe-Signature': signature }, maxRedirects: 0 });
    expect(response.status()).toBe(200);
    expect(await response.json()).toEqual({ received: true, outcome: 'ignored' });
  });
});

test.describe('accessibility of the payment pages', () => {
  for (const path of ['/club/', '/credits/']) {
    for (const who of ['anonymous', 'signed in'] as const) {
      test(`${path} has no accessibility violations (${who})`, async ({ browser }) => {
        const storage = who === 'signed in' ? await (await newReader({ verify: true })).api.storageState() : undefined;
        const { context, page } = await browserFor(browser, storage);
        await page.goto(path);
        if (who === 'signed in') await expect(page.getByRole('button', { name: path === '/club/' ? 'Join monthly' : 'Buy 5 credits' })).toBeEnabled();
        else await expect(page.getByRole('link', { name: path === '/club/' ? 'Join monthly' : 'Register to buy' }).first()).toBeVisible();
        const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
        expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
        await context.close();
      });
    }
  }
});
