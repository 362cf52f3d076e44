// Business events as log lines with a stable `event` name, for an operator to count and follow
// (docs/decisions/017-structured-logs.md lists them). Fields are ids, slugs, kinds and counts:
// never an address, a token or a payload. A line logged while a request is answered carries
// its request id.
import { log } from './logger.ts';

export const BUSINESS_EVENTS = [
  /** An account was created, or a registration was made again for an unconfirmed or existing address (`outcome`). */
  'account.registered',
  /** An address was confirmed (`via`: the link, or a password reset). */
  'account.verified',
  /** A reader opened a story's locked parts (`charged`: a credit was spent). */
  'story.unlocked',
  /** A credit pack was paid for and its credits granted. */
  'credits.purchased',
  /** A Club membership was created or its status changed. */
  'membership.changed',
  /** A Stripe webhook event was handled (`outcome`: processed, skipped, ignored) or failed. */
  'webhook.processed',
  'webhook.failed',
  /** An e-mail left for the mail server or the outbox folder, or a send failed (`permanent`: given up). */
  'mail.sent',
  'mail.failed',
] as const;
export type BusinessEvent = (typeof BUSINESS_EVENTS)[number];

type EventFields = Record<string, string | number | boolean | null | undefined>;

/** Logs `event` with its fields at info (failures at warn). */
export function logEvent(event: BusinessEvent, fields: EventFields = {}): void {
  const failure = event.endsWith('.failed');
  const logger = log();
  if (failure) logger.warn({ event, ...fields }, event);
  else logger.info({ event, ...fields }, event);
}
