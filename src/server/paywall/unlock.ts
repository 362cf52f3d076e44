// Unlocking one story for one reader: the checks a reader can act on, then the one
// transaction in the ledger.
import type { Db } from '../../../db/client.ts';
import { isPublished, type Story } from '../../lib/content/story.ts';
import { resolveEntitlement } from '../../lib/paywall/entitlement.ts';
import { unlockStory } from '../credits/ledger.ts';
import { hitRateLimit } from '../auth/rate-limit.ts';
import { readerFacts } from './reader-access.ts';
import type { Reader } from '../auth/sessions.ts';
import { logEvent } from '../log/events.ts';

export type UnlockRefusal = 'no-such-story' | 'nothing-locked' | 'unverified' | 'no-credits' | 'rate-limited';

export const UNLOCK_MESSAGES: Record<UnlockRefusal, string> = {
  'no-such-story': 'That story does not exist or is not published.',
  'nothing-locked': 'This story has nothing locked: it is free to read in full.',
  unverified: 'Please confirm your e-mail address first: your free credits arrive when you do.',
  'no-credits': 'You have no credits left. Buy a credit pack or join the Executives Club to read on.',
  'rate-limited': 'Too many unlocks at once. Please wait a minute and try again.',
};

export class UnlockRefused extends Error {
  readonly reason: UnlockRefusal;
  constructor(reason: UnlockRefusal) {
    super(UNLOCK_MESSAGES[reason]);
    this.reason = reason;
  }
}

/** Returns 'charged' when a credit was spent, 'free' when the reader already had access. */
export async function unlockForReader(db: Db, user: Reader, story: Story | undefined, now: Date): Promise<'charged' | 'free'> {
  if (!story || !isPublished(story, now)) throw new UnlockRefused('no-such-story');
  if (!story.lockedParts.keyInsights && !story.lockedParts.executiveActions) throw new UnlockRefused('nothing-locked');
  const limited = await hitRateLimit(db, 'unlock:account', user.id, now);
  if (!limited.allowed) throw new UnlockRefused('rate-limited');
  const state = resolveEntitlement(await readerFacts(db, user, story.slug, now));
  if (state === 'editor' || state === 'member' || state === 'unlocked') return 'free';
  if (state === 'unverified') throw new UnlockRefused('unverified');
  const outcome = await unlockStory(db, user.id, story.slug, now);
  if (outcome === 'no-credits') throw new UnlockRefused('no-credits');
  logEvent('story.unlocked', { userId: user.id, story: story.slug, charged: outcome === 'unlocked' });
  return outcome === 'unlocked' ? 'charged' : 'free';
}
