// How often each sensitive thing may be tried, per client address and per account.
// Windows are fixed; counters live in the database so every instance shares them.

export interface RateLimit {
  /** Attempts allowed in one window. */
  limit: number;
  windowSeconds: number;
}

export const RATE_LIMITS = {
  'sign-in:ip': { limit: 20, windowSeconds: 15 * 60 },
  'sign-in:account': { limit: 8, windowSeconds: 15 * 60 },
  'register:ip': { limit: 10, windowSeconds: 60 * 60 },
  'reset:ip': { limit: 10, windowSeconds: 60 * 60 },
  'reset:account': { limit: 3, windowSeconds: 60 * 60 },
  'link:ip': { limit: 10, windowSeconds: 60 * 60 },
  'link:account': { limit: 3, windowSeconds: 15 * 60 },
  'verify:account': { limit: 3, windowSeconds: 15 * 60 },
  // "Send the confirmation link again" from the sign-in page, by address (not signed in).
  'confirm:ip': { limit: 10, windowSeconds: 60 * 60 },
  'confirm:account': { limit: 3, windowSeconds: 15 * 60 },
  'unlock:account': { limit: 60, windowSeconds: 60 },
} as const satisfies Record<string, RateLimit>;

export type RateLimitName = keyof typeof RATE_LIMITS;

export function windowStart(now: Date, windowSeconds: number): Date {
  const ms = windowSeconds * 1000;
  return new Date(Math.floor(now.getTime() / ms) * ms);
}

export function retryAfterSeconds(now: Date, windowSeconds: number): number {
  const end = windowStart(now, windowSeconds).getTime() + windowSeconds * 1000;
  return Math.max(1, Math.ceil((end - now.getTime()) / 1000));
}
