// When the outbox tries a failed e-mail again, and when it gives up (dead letter).
import { describe, expect, it } from 'vitest';
import { afterFailure, MAX_MAIL_ATTEMPTS, retryDelayMs } from '../../src/lib/mail/retry-schedule.ts';

const NOW = new Date('2026-03-02T09:00:00.000Z');

describe('retryDelayMs', () => {
  it.each([
    [1, 10_000],
    [2, 20_000],
    [3, 40_000],
    [4, 80_000],
    [6, 320_000],
    [7, 640_000],
    [8, 900_000],
    [9, 900_000],
  ])('waits after attempt %i: %i ms (doubling from 10 s, at most 15 minutes)', (attempts, ms) => {
    expect(retryDelayMs(attempts)).toBe(ms);
  });
});

describe('afterFailure', () => {
  it('schedules the next attempt after the delay', () => {
    expect(afterFailure(1, NOW)).toEqual({ retryAt: new Date(NOW.getTime() + 10_000) });
    expect(afterFailure(MAX_MAIL_ATTEMPTS - 1, NOW)).toHaveProperty('retryAt');
  });

  it('gives up after the last attempt, so a job never retries forever', () => {
    expect(afterFailure(MAX_MAIL_ATTEMPTS, NOW)).toEqual({ deadLetter: true });
    expect(afterFailure(MAX_MAIL_ATTEMPTS + 3, NOW)).toEqual({ deadLetter: true });
  });

  it('spends about 50 minutes trying in all: longer than a mail server restart, shorter than a day', () => {
    let total = 0;
    for (let attempt = 1; attempt < MAX_MAIL_ATTEMPTS; attempt++) total += retryDelayMs(attempt);
    expect(total).toBeGreaterThan(30 * 60_000);
    expect(total).toBeLessThan(2 * 3600_000);
  });
});
