// Forgotten passwords, and a signed-in reader changing their password or e-mail address.
// Each action validates its form and calls one account command.
import { defineAction } from 'astro:actions';
import { z } from 'astro/zod';
import { currentPasswordField, emailField, newPasswordField, nextField, tokenField } from '../lib/auth/form-schemas.ts';
import { isCommonPassword } from '../server/auth/common-passwords.ts';
import * as credentials from '../server/auth/credentials.ts';
import * as passwordReset from '../server/auth/password-reset.ts';
import { authDeps, requestMeta, serverEnv } from '../server/auth/request-context.ts';
import { setSessionCookie } from '../server/auth/session-cookie.ts';
import { asAction, requireSignedIn } from './errors.ts';

export const requestPasswordReset = defineAction({
  accept: 'form',
  input: z.object({ email: emailField, next: nextField }),
  handler: (input, ctx) => asAction(async () => {
    await passwordReset.requestPasswordReset(await authDeps(), input, requestMeta(ctx));
    return { next: input.next };
  }),
});

export const resetPassword = defineAction({
  accept: 'form',
  input: z.object({ token: tokenField, password: newPasswordField(isCommonPassword), next: nextField }),
  handler: (input) => asAction(async () => {
    await passwordReset.resetPassword(await authDeps(), { token: input.token, password: input.password });
    return { next: input.next };
  }),
});

export const changePassword = defineAction({
  accept: 'form',
  input: z.object({ currentPassword: currentPasswordField, newPassword: newPasswordField(isCommonPassword) }),
  handler: (input, ctx) => asAction(async () => {
    const [user, session] = [requireSignedIn(ctx.locals.user), requireSignedIn(ctx.locals.session)];
    await credentials.changePassword(await authDeps(), user, session.id, input);
    return { changed: true };
  }),
});

export const requestEmailChange = defineAction({
  accept: 'form',
  input: z.object({ newEmail: emailField, password: currentPasswordField }),
  handler: (input, ctx) => asAction(async () => {
    const user = requireSignedIn(ctx.locals.user);
    await credentials.requestEmailChange(await authDeps(), user, input);
    return { sent: true };
  }),
});

export const confirmEmailChange = defineAction({
  accept: 'form',
  input: z.object({ token: tokenField }),
  handler: (input, ctx) => asAction(async () => {
    const { token, expiresAt } = await credentials.confirmEmailChange(await authDeps(), input.token, requestMeta(ctx));
    setSessionCookie(ctx.cookies, serverEnv().production, token, expiresAt);
    return { changed: true };
  }),
});
