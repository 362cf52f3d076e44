// The story a reader started from, recorded where the system writes rows anyway (the account
// at sign-up, the membership at a Club join) and counted per story for the editors' desk.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import Stripe from 'stripe';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { subscriptions, unlocks, users } from '../../db/schema/index.ts';
import { attributedStorySlug } from '../../src/lib/desk/attribution.ts';
import { registerAccount } from '../../src/server/auth/registration.ts';
import { findUserByEmail } from '../../src/server/auth/users.ts';
import { confirmCheckout, startClubCheckout, type CheckoutContext } from '../../src/server/billing/checkout.ts';
import { syncSubscription } from '../../src/server/billing/subscription-sync.ts';
import { receiveStripeEvent } from '../../src/server/billing/webhook.ts';
import type { StripeEnv } from '../../src/server/config/server-env.ts';
import { conversionsBySlug } from '../../src/server/desk/conversions.ts';
import { createReader } from '../support/reader-factory.ts';
import { DEFAULT_PRICES, startStripeDouble, type StripeDouble } from '../support/stripe-double/index.ts';
import { DATABASE_SETUP_TIMEOUT_MS, DAY, fakeMailer, freshDatabase, testAuthDeps, testClock, uniqueIdentity, type TestDatabase } from '../support/test-db.ts';

const KEY = 'sk_test_attribution';
const SECRET = 'whsec_test_attribution';
/** The stories that exist, as the actions look them up (src/server/content/stories.ts). */
const STORIES = new Map([['x', { section: 'business' }], ['y', { section: 'markets' }]]);
const findStory = (slug: string) => Promise.resolve(STORIES.get(slug));
const fromClub = `/club/?plan=monthly&next=${encodeURIComponent('/business/x/')}`;

let t: TestDatabase;
beforeAll(async () => {
  t = await freshDatabase();
}, DATABASE_SETUP_TIMEOUT_MS);
afterAll(() => t?.close());

describe('registration', () => {
  /** Registers as the register action does: the story is looked up, then stored in the insert. */
  async function registerFrom(next: string) {
    const { email, ipAddress } = uniqueIdentity('attribution');
    const signupStorySlug = await attributedStorySlug(next, findStory);
    await registerAccount(testAuthDeps(t.db, fakeMailer(), testClock()), { email, password: 'correct horse battery', next, signupStorySlug }, { ipAddress });
    return (await findUserByEmail(t.db, email))?.signupStorySlug;
  }

  it.each([
    ['a story', '/business/x/', 'x'],
    ['the Club, come from a story', `/register/?next=${encodeURIComponent(fromClub)}`, 'x'],
    ['the front page', '/', null],
    ['a story in another section than the path says', '/business/y/', null],
    ['a story that does not exist', '/business/gone/', null],
    ['a tag page', '/tags/x/', null],
  ])('from %s records %s', async (_from, next, recorded) => {
    expect(await registerFrom(next)).toBe(recorded);
  });
});

describe('a Club join', () => {
  let collector: Server;
  let double: StripeDouble;
  let stripe: Stripe;
  let env: StripeEnv;
  const clock = testClock();

  beforeEach(async () => {
    collector = createServer((req, res) => req.resume().on('end', () => res.writeHead(200).end()));
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
    const webhookUrl = `http://127.0.0.1:${(collector.address() as AddressInfo).port}/api/stripe/webhook`;
    double = await startStripeDouble({ webhookUrl, webhookSecret: SECRET, prices: DEFAULT_PRICES, clock: () => clock.now() });
    stripe = new Stripe(KEY, { host: double.host, port: double.port, protocol: 'http', maxNetworkRetries: 0 });
    env = { secretKey: KEY, webhookSecret: SECRET, prices: { clubMonthly: 'price_club_monthly', clubYearly: 'price_club_yearly', credits5: 'price_credits_5', credits20: 'price_credits_20' }, api: { host: double.host, port: double.port, protocol: 'http' } };
  });
  afterEach(async () => {
    await double.stop();
    await new Promise<void>((resolve) => {
      collector.close(() => resolve());
      collector.closeAllConnections();
    });
  });

  const ctx = (): CheckoutContext => ({ db: t.db, stripe, env, siteUrl: 'https://news.example.test', now: clock.now() });
  const membership = async (userId: string) => (await t.db.select().from(subscriptions).where(eq(subscriptions.userId, userId)))[0];

  /** Starts Checkout from the story and pays on the double's hosted page; returns the events and the session. */
  async function joinFrom(storySlug: string | undefined, next = '/business/x/') {
    const reader = await createReader(t.db, clock.now());
    const url = await startClubCheckout(ctx(), reader, 'monthly', next, storySlug);
    const from = double.events.length;
    expect((await fetch(url, { method: 'POST', redirect: 'manual' })).status).toBe(303);
    await double.waitForDeliveries();
    const events = double.events.slice(from).map((s) => JSON.parse(JSON.stringify(s.event)) as Stripe.Event);
    return { reader, events, sessionId: new URL(url).pathname.split('/').at(-1) ?? '' };
  }

  it('records the story through the webhooks, and the subscription carries it as Stripe would', async () => {
    const { reader, events } = await joinFrom('x');
    for (const event of events) expect(await receiveStripeEvent(ctx(), event)).toBe('processed');
    const row = await membership(reader.id);
    expect(row).toMatchObject({ status: 'active', sourceStorySlug: 'x' });
    expect((await stripe.subscriptions.retrieve(row!.id)).metadata).toEqual({ user_id: reader.id, story_slug: 'x' });
  });

  it('records it when the welcome page confirms before any webhook, and later syncs keep it', async () => {
    const { reader, sessionId, events } = await joinFrom('x');
    expect(await confirmCheckout(ctx(), reader, sessionId)).toMatchObject({ result: { kind: 'club', status: 'active' }, next: '/business/x/' });
    for (const event of events) await receiveStripeEvent(ctx(), event);
    const row = await membership(reader.id);
    expect(row?.sourceStorySlug).toBe('x');

    // Stripe's copy loses the key (someone edits it in the dashboard): the row keeps the story.
    await stripe.subscriptions.update(row!.id, { metadata: { story_slug: '' } });
    const edited = await stripe.subscriptions.retrieve(row!.id);
    expect(edited.metadata).toEqual({ user_id: reader.id });
    await syncSubscription(t.db, env, edited, clock.now());
    expect((await membership(reader.id))?.sourceStorySlug).toBe('x');
  });

  it('records nothing for a join that did not start from a story', async () => {
    const { reader, events } = await joinFrom(undefined, '/');
    for (const event of events) await receiveStripeEvent(ctx(), event);
    expect(await membership(reader.id)).toMatchObject({ status: 'active', sourceStorySlug: null });
  });

  it('still starts Checkout when next is too long for Stripe metadata (which refuses it)', async () => {
    const long = `/business/x/?q=${'a'.repeat(600)}`;
    const refused = await stripe.checkout.sessions.create({ mode: 'subscription', line_items: [{ price: 'price_club_monthly', quantity: 1 }], success_url: 'https://news.example.test/', metadata: { next: long } }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    const { reader, sessionId } = await joinFrom('x', long);
    expect(await confirmCheckout(ctx(), reader, sessionId)).toMatchObject({ result: { status: 'active' }, next: undefined });
    expect((await membership(reader.id))?.sourceStorySlug).toBe('x');
  });
});

describe('conversionsBySlug', () => {
  const SINCE = new Date('2026-05-01T00:00:00.000Z');
  const UNTIL = new Date(SINCE.getTime() + 7 * DAY);
  const before = new Date(SINCE.getTime() - 1);
  const inside = new Date(SINCE.getTime() + DAY);
  const last = new Date(UNTIL.getTime() - 1);
  let db: TestDatabase;

  beforeAll(async () => {
    db = await freshDatabase();
  }, DATABASE_SETUP_TIMEOUT_MS);
  afterAll(() => db?.close());

  async function account(createdAt: Date, signupStorySlug: string | null) {
    const [user] = await db.db.insert(users).values({ email: uniqueIdentity('desk').email, passwordHash: 'unused', signupStorySlug, createdAt, updatedAt: createdAt }).returning();
    return user!.id;
  }
  const unlock = (userId: string, articleSlug: string, createdAt: Date) => db.db.insert(unlocks).values({ userId, articleSlug, createdAt });
  const join = (userId: string, sourceStorySlug: string | null, createdAt: Date, status: 'active' | 'incomplete' = 'active') =>
    db.db.insert(subscriptions).values({ id: `sub_${userId}`, userId, status, plan: 'monthly', currentPeriodEnd: UNTIL, sourceStorySlug, createdAt, updatedAt: createdAt });

  it('counts a scripted sequence exactly, within [since, until), and only attributed rows', async () => {
    const a = await account(SINCE, 'x'); // at since: counted
    const b = await account(inside, 'x');
    const c = await account(last, 'y'); // 1 ms before until: counted
    await account(UNTIL, 'x'); // at until: not counted
    await account(before, 'y'); // before since: not counted
    const plain = await account(inside, null); // came from elsewhere: not counted
    await unlock(a, 'x', inside);
    await unlock(b, 'x', SINCE);
    await unlock(plain, 'y', last);
    await unlock(c, 'x', UNTIL); // not counted
    await unlock(c, 'z', before); // not counted
    await join(a, 'y', inside);
    await join(b, null, inside); // not attributed: not counted
    await join(plain, 'x', inside, 'incomplete'); // never paid: not a join
    await join(c, 'z', UNTIL); // not counted

    const counts = await conversionsBySlug(db.db, SINCE, UNTIL);
    expect(Object.fromEntries(counts)).toEqual({
      x: { registrations: 2, unlocks: 2, joins: 0 },
      y: { registrations: 1, unlocks: 1, joins: 1 },
    });
    expect(typeof counts.get('x')?.registrations).toBe('number');

    expect(Object.fromEntries(await conversionsBySlug(db.db, UNTIL, new Date(UNTIL.getTime() + DAY)))).toEqual({
      x: { registrations: 1, unlocks: 1, joins: 0 },
      z: { registrations: 0, unlocks: 0, joins: 1 },
    });
    expect((await conversionsBySlug(db.db, inside, inside)).size).toBe(0);

    // A deleted account takes its sign-up, unlocks and membership with it (privacy, by design).
    await db.db.delete(users).where(eq(users.id, a));
    expect(Object.fromEntries(await conversionsBySlug(db.db, SINCE, UNTIL))).toEqual({
      x: { registrations: 1, unlocks: 1, joins: 0 },
      y: { registrations: 1, unlocks: 1, joins: 0 },
    });
  });

  it('refuses a window that ends before it starts, with a clear message', async () => {
    await expect(conversionsBySlug(db.db, UNTIL, SINCE)).rejects.toThrow(/since <= until/);
    await expect(conversionsBySlug(db.db, new Date(Number.NaN), SINCE)).rejects.toThrow(/valid dates/);
  });
});
