// The reader's own account: end sessions, delete the account.
import { ActionError, defineAction } from 'astro:actions';
import { z } from 'astro/zod';
import { currentPasswordField } from '../lib/auth/form-schemas.ts';
import { deleteAccount } from '../server/auth/account-data.ts';
import { authDeps, serverEnv } from '../server/auth/request-context.ts';
import { deleteSessionCookie } from '../server/auth/session-cookie.ts';
import { invalidateOwnSession, invalidateUserSessions } from '../server/auth/sessions.ts';
import { asAction, requireSignedIn } from './errors.ts';
import { MembershipNotCancelledError } from '../server/billing/cancel-memberships.ts';
import { stripeClient } from '../server/billing/stripe-client.ts';

export const endSession = defineAction({
  accept: 'form',
  // A session id is lower-case base32 (src/lib/auth/token.ts); anything else (a NUL byte,
  // which PostgreSQL cannot even compare) is refused before the database sees it.
  input: z.object({ sessionId: z.string().min(1).max(64).regex(/^[a-z0-9]+$/, 'This is not a session of yours. Reload the page and try again.') }),
  handler: (input, ctx) => asAction(async () => {
    const user = requireSignedIn(ctx.locals.user);
    if (input.sessionId === ctx.locals.session?.id) {
      throw new ActionError({ code: 'BAD_REQUEST', message: 'To end this session, use Sign out.' });
    }
    await invalidateOwnSession((await authDeps()).db, user.id, input.sessionId);
    return { ended: 1 };
  }),
});

export const endOtherSessions = defineAction({
  accept: 'form',
  input: z.object({}),
  handler: (_input, ctx) => asAction(async () => {
    const user = requireSignedIn(ctx.locals.user);
    await invalidateUserSessions((await authDeps()).db, user.id, ctx.locals.session?.id);
    return { ended: 'others' };
  }),
});

export const deleteMyAccount = defineAction({
  accept: 'form',
  input: z.object({
    password: currentPasswordField,
    confirm: z.literal('on', { error: 'Tick the box to confirm that you want to delete your account.' }),
  }),
  handler: (input, ctx) => asAction(async () => {
    const user = requireSignedIn(ctx.locals.user);
    const env = serverEnv();
    // A Club membership is cancelled at Stripe first (its double in demo mode); if it cannot
    // be, the account stays and the reader is told to try again.
    const deps = { ...(await authDeps()), stripe: env.stripe ? stripeClient(env.stripe) : undefined };
    try {
      await deleteAccount(deps, user, input.password);
    } catch (error) {
      if (error instanceof MembershipNotCancelledError) {
        throw new ActionError({ code: error.reason === 'started-meanwhile' ? 'CONFLICT' : 'SERVICE_UNAVAILABLE', message: error.message });
      }
      throw error;
    }
    deleteSessionCookie(ctx.cookies, env.production);
    return { deleted: true };
  }),
});
