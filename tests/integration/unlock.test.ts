// Unlocking: one transaction records (reader, story) once and debits one credit; twice costs
// once; forty clicks at once cost one; a balance never goes below zero.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { creditLedger, unlocks } from '../../db/schema/index.ts';
import { unlockStory, ledgerSum } from '../../src/server/credits/ledger.ts';
import { unlockForReader, UnlockRefused } from '../../src/server/paywall/unlock.ts';
import type { Story } from '../../src/lib/content/story.ts';
import { makeStory } from '../support/story-factory.ts';
import { DATABASE_SETUP_TIMEOUT_MS, DAY, freshDatabase, testClock, type TestDatabase } from '../support/test-db.ts';
import { balanceOf, createReader } from '../support/reader-factory.ts';

let t: TestDatabase;
beforeEach(async () => {
  t = await freshDatabase();
}, DATABASE_SETUP_TIMEOUT_MS);
afterEach(async () => t.close());

const story = (slug: string, extra: Partial<Story> = {}) =>
  makeStory({ slug, publishedAt: new Date('2026-01-01T00:00:00Z'), lockedParts: { keyInsights: true, executiveActions: true }, ...extra });

async function unlockRows(userId: string) {
  return t.db.select().from(unlocks).where(eq(unlocks.userId, userId));
}

describe('unlockStory', () => {
  it('records the unlock and debits exactly one credit through the ledger', async () => {
    const now = testClock().now();
    const reader = await createReader(t.db, now, { credits: 3 });
    expect(await unlockStory(t.db, reader.id, 'a-story', now)).toBe('unlocked');
    expect(await balanceOf(t.db, reader.id)).toBe(2);
    const ledger = await t.db.select().from(creditLedger).where(eq(creditLedger.userId, reader.id));
    expect(ledger.filter((r) => r.reason === 'unlock').map((r) => [r.amount, r.articleSlug])).toEqual([[-1, 'a-story']]);
    expect(await ledgerSum(t.db, reader.id)).toBe(2);
  });

  it('costs nothing the second time', async () => {
    const now = testClock().now();
    const reader = await createReader(t.db, now, { credits: 3 });
    await unlockStory(t.db, reader.id, 'a-story', now);
    expect(await unlockStory(t.db, reader.id, 'a-story', now)).toBe('already-unlocked');
    expect(await balanceOf(t.db, reader.id)).toBe(2);
  });

  it('refuses with no credits and leaves nothing half-written', async () => {
    const now = testClock().now();
    const reader = await createReader(t.db, now, { credits: 0 });
    expect(await unlockStory(t.db, reader.id, 'a-story', now)).toBe('no-credits');
    expect(await unlockRows(reader.id)).toEqual([]);
    expect(await balanceOf(t.db, reader.id)).toBe(0);
    expect(await ledgerSum(t.db, reader.id)).toBe(0);
  });

  it('charges one credit for forty simultaneous unlocks of one story', async () => {
    const now = testClock().now();
    const reader = await createReader(t.db, now, { credits: 1 });
    const other = t.anotherHandle();
    const outcomes = await Promise.all(Array.from({ length: 40 }, (_, i) => unlockStory(i % 2 ? other.db : t.db, reader.id, 'a-story', now)));
    expect(outcomes.filter((o) => o === 'unlocked')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'no-credits')).toHaveLength(0);
    expect(await balanceOf(t.db, reader.id)).toBe(0);
    expect(await ledgerSum(t.db, reader.id)).toBe(0);
    expect(await unlockRows(reader.id)).toHaveLength(1);
    await other.close();
  });

  it('lets a reader with 3 credits unlock exactly 3 of 10 stories at once', async () => {
    const now = testClock().now();
    const reader = await createReader(t.db, now, { credits: 3 });
    const outcomes = await Promise.all(Array.from({ length: 10 }, (_, i) => unlockStory(t.db, reader.id, `story-${i}`, now)));
    expect(outcomes.filter((o) => o === 'unlocked')).toHaveLength(3);
    expect(outcomes.filter((o) => o === 'no-credits')).toHaveLength(7);
    expect(await balanceOf(t.db, reader.id)).toBe(0);
    expect(await ledgerSum(t.db, reader.id)).toBe(0);
    expect(await unlockRows(reader.id)).toHaveLength(3);
  });
});

describe('unlockForReader', () => {
  const refusal = async (run: Promise<unknown>) => {
    try {
      await run;
      return 'none';
    } catch (error) {
      return error instanceof UnlockRefused ? error.reason : String(error);
    }
  };

  it.each([
    ['an unknown story', undefined, 'no-such-story'],
    ['a draft', story('draft', { draft: true }), 'no-such-story'],
    ['a story scheduled for later', story('later', { publishedAt: new Date('2099-01-01T00:00:00Z') }), 'no-such-story'],
    ['a story with nothing locked', story('free', { lockedParts: { keyInsights: false, executiveActions: false } }), 'nothing-locked'],
  ])('refuses %s with a clear reason and charges nothing', async (_label, target, reason) => {
    const now = testClock().now();
    const reader = await createReader(t.db, now, { credits: 3 });
    expect(await refusal(unlockForReader(t.db, reader, target, now))).toBe(reason);
    expect(await balanceOf(t.db, reader.id)).toBe(3);
  });

  it('asks an unverified reader to confirm their address first', async () => {
    const now = testClock().now();
    const reader = await createReader(t.db, now, { verified: false });
    expect(await refusal(unlockForReader(t.db, reader, story('s'), now))).toBe('unverified');
  });

  it('charges a member, an editor and a reader who already unlocked nothing', async () => {
    const now = testClock().now();
    const member = await createReader(t.db, now, { credits: 2, membership: { status: 'active', currentPeriodEnd: new Date(now.getTime() + 30 * DAY) } });
    const editor = await createReader(t.db, now, { credits: 2, role: 'editor' });
    expect(await unlockForReader(t.db, member, story('s'), now)).toBe('free');
    expect(await unlockForReader(t.db, editor, story('s'), now)).toBe('free');
    expect(await balanceOf(t.db, member.id)).toBe(2);
    expect(await balanceOf(t.db, editor.id)).toBe(2);
    const reader = await createReader(t.db, now, { credits: 2 });
    expect(await unlockForReader(t.db, reader, story('s'), now)).toBe('charged');
    expect(await unlockForReader(t.db, reader, story('s'), now)).toBe('free');
    expect(await balanceOf(t.db, reader.id)).toBe(1);
  });

  it('answers no-credits for a reader with a zero balance', async () => {
    const now = testClock().now();
    const reader = await createReader(t.db, now, { credits: 0 });
    expect(await refusal(unlockForReader(t.db, reader, story('s'), now))).toBe('no-credits');
  });
});
