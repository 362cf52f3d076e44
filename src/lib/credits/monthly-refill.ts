// The lazy monthly refill: which month a grant belongs to, and how much it may add without
// passing the cap.
import { CREDIT_CONFIG } from './credit-config.ts';

/** "2026-11" for any time in November 2026 (UTC). */
export function refillPeriod(now: Date): string {
  return now.toISOString().slice(0, 7);
}

/** Credits the refill adds to a balance: the monthly amount, but never above the cap. */
export interface RefillRule {
  amount: number;
  cap: number;
}

export function refillAmount(balance: number, config: RefillRule = CREDIT_CONFIG.monthly): number {
  return Math.max(0, Math.min(config.amount, config.cap - balance));
}

/** When the next monthly credit can arrive for this balance (the 1st of next month), if ever. */
export function nextRefillDate(balance: number, now: Date, config: RefillRule = CREDIT_CONFIG.monthly): Date | undefined {
  if (refillAmount(balance, config) <= 0) return undefined;
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
}
