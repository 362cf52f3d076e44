// Registering, confirming, signing in and out. Each action validates its form, calls one
// account command and sets or clears the session cookie.
import { defineAction } from 'astro:actions';
import { z } from 'astro/zod';
import { currentPasswordField, displayNameField, emailField, newPasswordField, nextField, tokenField } from '../lib/auth/form-schemas.ts';
import { isCommonPassword } from '../server/auth/common-passwords.ts';
import { authDeps, requestMeta, serverEnv } from '../server/auth/request-context.ts';
import { confirmEmail, registerAccount, resendVerification } from '../server/auth/registration.ts';
import { resendConfirmation as resendConfirmationLink } from '../server/auth/resend-confirmation.ts';
import { requestSignInLink, signInWithLink, signInWithPassword } from '../server/auth/sign-in.ts';
import { deleteSessionCookie, setSessionCookie } from '../server/auth/session-cookie.ts';
import { invalidateSession } from '../server/auth/sessions.ts';
import { findStoryBySlug } from '../server/content/stories.ts';
import { attributedStorySlug } from '../lib/desk/attribution.ts';
import { asAction, requireSignedIn } from './errors.ts';

export const register = defineAction({
  accept: 'form',
  input: z.object({
    email: emailField,
    password: newPasswordField(isCommonPassword),
    displayName: displayNameField,
    next: nextField,
  }),
  handler: (input, ctx) => asAction(async () => {
    const signupStorySlug = await attributedStorySlug(input.next, findStoryBySlug);
    await registerAccount(await authDeps(), { ...input, signupStorySlug }, requestMeta(ctx));
    return { next: input.next };
  }),
});

export const verifyEmail = defineAction({
  accept: 'form',
  input: z.object({ token: tokenField, next: nextField }),
  handler: (input, ctx) => asAction(async () => {
    const { token, expiresAt, passwordCleared } = await confirmEmail(await authDeps(), input.token ?? null, requestMeta(ctx));
    setSessionCookie(ctx.cookies, serverEnv().production, token, expiresAt);
    return { next: input.next, passwordCleared };
  }),
});

export const resendVerificationEmail = defineAction({
  accept: 'form',
  input: z.object({ next: nextField }),
  handler: (input, ctx) => asAction(async () => {
    const user = requireSignedIn(ctx.locals.user);
    await resendVerification(await authDeps(), user, input.next);
    return { sent: true };
  }),
});

/** From the sign-in page, not signed in: the same answer whether or not the address has an unconfirmed account. */
export const resendConfirmation = defineAction({
  accept: 'form',
  input: z.object({ email: emailField, next: nextField }),
  handler: (input, ctx) => asAction(async () => {
    await resendConfirmationLink(await authDeps(), input, requestMeta(ctx));
    return { sent: true, next: input.next };
  }),
});

export const signIn = defineAction({
  accept: 'form',
  input: z.object({ email: emailField, password: currentPasswordField, next: nextField }),
  handler: (input, ctx) => asAction(async () => {
    const { token, expiresAt } = await signInWithPassword(await authDeps(), input, requestMeta(ctx));
    setSessionCookie(ctx.cookies, serverEnv().production, token, expiresAt);
    return { next: input.next };
  }),
});

export const requestLink = defineAction({
  accept: 'form',
  input: z.object({ email: emailField, next: nextField }),
  handler: (input, ctx) => asAction(async () => {
    await requestSignInLink(await authDeps(), input, requestMeta(ctx));
    return { next: input.next };
  }),
});

export const useSignInLink = defineAction({
  accept: 'form',
  input: z.object({ token: tokenField, next: nextField }),
  handler: (input, ctx) => asAction(async () => {
    const { token, expiresAt, passwordCleared } = await signInWithLink(await authDeps(), input.token ?? null, requestMeta(ctx));
    setSessionCookie(ctx.cookies, serverEnv().production, token, expiresAt);
    return { next: input.next, passwordCleared };
  }),
});

export const signOut = defineAction({
  accept: 'form',
  input: z.object({}),
  handler: (_input, ctx) => asAction(async () => {
    if (ctx.locals.session) await invalidateSession((await authDeps()).db, ctx.locals.session.id);
    deleteSessionCookie(ctx.cookies, serverEnv().production);
    return { signedOut: true };
  }),
});
