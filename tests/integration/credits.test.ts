// The credit ledger: every change a row with a reason, the balance always the ledger's sum,
// grants that happen once, and a balance the database will not let go below zero.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { creditLedger, users } from '../../db/schema/index.ts';
import { CREDIT_CONFIG } from '../../src/lib/credits/credit-config.ts';
import { markEmailVerified } from '../../src/server/auth/verification.ts';
import { applyGrant, applyMonthlyRefill, ledgerSum, readerAfterRefill } from '../../src/server/credits/ledger.ts';
import { DATABASE_SETUP_TIMEOUT_MS, DAY, freshDatabase, testClock, type TestDatabase } from '../support/test-db.ts';
import { balanceOf, createReader } from '../support/reader-factory.ts';

let t: TestDatabase;
beforeEach(async () => {
  t = await freshDatabase();
}, DATABASE_SETUP_TIMEOUT_MS);
afterEach(async () => t.close());

describe('welcome credits', () => {
  it('are granted once, when the address is verified', async () => {
    const clock = testClock();
    const reader = await createReader(t.db, clock.now(), { verified: false });
    expect(await balanceOf(t.db, reader.id)).toBe(0);
    expect(await markEmailVerified(t.db, reader.id, reader.email, clock.now())).toBe(true);
    expect(await markEmailVerified(t.db, reader.id, reader.email, clock.now())).toBe(false);
    expect(await balanceOf(t.db, reader.id)).toBe(CREDIT_CONFIG.welcome);
    const rows = await t.db.select().from(creditLedger).where(eq(creditLedger.userId, reader.id));
    expect(rows.map((r) => [r.reason, r.amount])).toEqual([['welcome', CREDIT_CONFIG.welcome]]);
  });

  it('are granted once even if a welcome row is attempted again directly', async () => {
    const clock = testClock();
    const reader = await createReader(t.db, clock.now());
    expect(await applyGrant(t.db, reader.id, { amount: CREDIT_CONFIG.welcome, reason: 'welcome' }, clock.now())).toBe(false);
    expect(await balanceOf(t.db, reader.id)).toBe(CREDIT_CONFIG.welcome);
  });
});

describe('the monthly refill', () => {
  it('does not come in the month of the welcome grant', async () => {
    const clock = testClock(new Date('2026-03-10T12:00:00Z'));
    const reader = await createReader(t.db, clock.now(), { credits: 0 });
    expect(await applyMonthlyRefill(t.db, reader.id, clock.now())).toBe(0);
    expect(await balanceOf(t.db, reader.id)).toBe(0);
  });

  it('comes once in a new month, lazily, however often it is attempted', async () => {
    const clock = testClock(new Date('2026-03-10T12:00:00Z'));
    const reader = await createReader(t.db, clock.now(), { credits: 0 });
    clock.advance(30 * DAY); // April
    const results = await Promise.all(Array.from({ length: 10 }, () => applyMonthlyRefill(t.db, reader.id, clock.now())));
    expect(results.reduce((a, b) => a + b, 0)).toBe(CREDIT_CONFIG.monthly.amount);
    expect(await balanceOf(t.db, reader.id)).toBe(CREDIT_CONFIG.monthly.amount);
  });

  it('never lifts a balance above the cap', async () => {
    const clock = testClock(new Date('2026-03-10T12:00:00Z'));
    const reader = await createReader(t.db, clock.now(), { credits: CREDIT_CONFIG.monthly.cap });
    clock.advance(30 * DAY);
    expect(await applyMonthlyRefill(t.db, reader.id, clock.now())).toBe(0);
    expect(await balanceOf(t.db, reader.id)).toBe(CREDIT_CONFIG.monthly.cap);
  });

  it('hands the page the reader it was given, with the new balance and no more (no password hash)', async () => {
    const clock = testClock(new Date('2026-03-10T12:00:00Z'));
    const reader = await createReader(t.db, clock.now(), { credits: 0 });
    const { passwordHash: _hash, ...pageReader } = reader;
    clock.advance(30 * DAY);
    const after = await readerAfterRefill(t.db, pageReader, clock.now());
    expect(Object.keys(after).sort()).toEqual(Object.keys(pageReader).sort());
    expect(after.creditBalance).toBe(CREDIT_CONFIG.monthly.amount);
  });

  it('does not go to unverified readers', async () => {
    const clock = testClock(new Date('2026-03-10T12:00:00Z'));
    const reader = await createReader(t.db, clock.now(), { verified: false });
    clock.advance(60 * DAY);
    expect(await applyMonthlyRefill(t.db, reader.id, clock.now())).toBe(0);
    expect(await balanceOf(t.db, reader.id)).toBe(0);
  });
});

describe('the balance', () => {
  it('always equals the ledger sum', async () => {
    const clock = testClock(new Date('2026-01-15T12:00:00Z'));
    const reader = await createReader(t.db, clock.now(), { credits: 1 });
    await applyGrant(t.db, reader.id, { amount: 5, reason: 'purchase', paymentRef: 'cs_test_1' }, clock.now());
    await applyGrant(t.db, reader.id, { amount: 5, reason: 'purchase', paymentRef: 'cs_test_1' }, clock.now());
    clock.advance(40 * DAY);
    await applyMonthlyRefill(t.db, reader.id, clock.now());
    expect(await balanceOf(t.db, reader.id)).toBe(6);
    expect(await ledgerSum(t.db, reader.id)).toBe(6);
  });

  it('cannot go below zero: the database refuses it', async () => {
    const clock = testClock();
    const reader = await createReader(t.db, clock.now(), { credits: 0 });
    await expect(t.db.update(users).set({ creditBalance: -1 }).where(eq(users.id, reader.id))).rejects.toThrow();
    expect(await balanceOf(t.db, reader.id)).toBe(0);
  });

  it('rejects a ledger row without a known reason or with amount zero', async () => {
    const clock = testClock();
    const reader = await createReader(t.db, clock.now());
    await expect(t.db.insert(creditLedger).values({ userId: reader.id, amount: 1, reason: 'gift', createdAt: clock.now() })).rejects.toThrow();
    await expect(t.db.insert(creditLedger).values({ userId: reader.id, amount: 0, reason: 'admin', createdAt: clock.now() })).rejects.toThrow();
  });
});
