// When a mail job that failed is tried again, and when it is given up. Pure: the worker hands
// in the attempt count and the time.

/** Attempts before a job is dead-lettered (failed_at set): about 50 minutes of retries in all. */
export const MAX_MAIL_ATTEMPTS = 10;

const FIRST_RETRY_MS = 10_000;
const LONGEST_WAIT_MS = 15 * 60_000;

/**
 * The wait after the `attempts`-th failed attempt: 10 s, doubling, at most 15 minutes. A
 * mail server that is down for a minute costs a few quick retries; one down for long is not
 * hammered, and sign-in links (15 minutes) are not worth sending an hour late anyway.
 */
export function retryDelayMs(attempts: number): number {
  const exponent = Math.max(0, attempts - 1);
  return Math.min(FIRST_RETRY_MS * 2 ** exponent, LONGEST_WAIT_MS);
}

export type AfterFailure = { retryAt: Date } | { deadLetter: true };

/** What happens to a job whose attempt number `attempts` (counted from 1) just failed. */
export function afterFailure(attempts: number, now: Date): AfterFailure {
  if (attempts >= MAX_MAIL_ATTEMPTS) return { deadLetter: true };
  return { retryAt: new Date(now.getTime() + retryDelayMs(attempts)) };
}
