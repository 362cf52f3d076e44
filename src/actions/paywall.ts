// Unlocking a story for one credit. Works without JavaScript: the form posts to the story
// itself, which then returns the reader to the unlocked insights.
import { ActionError, defineAction } from 'astro:actions';
import { z } from 'astro/zod';
import { authDeps } from '../server/auth/request-context.ts';
import { findStoryBySlug } from '../server/content/stories.ts';
import { unlockForReader, UnlockRefused } from '../server/paywall/unlock.ts';
import { requireSignedIn, unexpectedFailure } from './errors.ts';

const CODES = {
  'no-such-story': 'NOT_FOUND',
  'nothing-locked': 'BAD_REQUEST',
  unverified: 'FORBIDDEN',
  'no-credits': 'PAYMENT_REQUIRED',
  'rate-limited': 'TOO_MANY_REQUESTS',
} as const;

export const unlock = defineAction({
  accept: 'form',
  input: z.object({ slug: z.string().min(1).max(200).regex(/^[a-z0-9][a-z0-9-]*$/, 'Not a story address.') }),
  handler: async (input, ctx) => {
    const user = requireSignedIn(ctx.locals.user);
    const { db, now } = await authDeps();
    try {
      const result = await unlockForReader(db, user, await findStoryBySlug(input.slug), now);
      return { slug: input.slug, result };
    } catch (error) {
      if (error instanceof UnlockRefused) throw new ActionError({ code: CODES[error.reason], message: error.message });
      throw unexpectedFailure(error);
    }
  },
});
