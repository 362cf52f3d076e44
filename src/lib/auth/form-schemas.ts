// The fields of the account forms, with the messages a reader sees next to them.
import { z } from 'astro/zod';
import { isPlausibleEmail, MAX_EMAIL_LENGTH, normalizeEmail } from './email-address.ts';
import { PASSWORD_MAX, PASSWORD_MESSAGES, passwordProblem } from './password-policy.ts';
import { safeNextPath } from './safe-next-path.ts';

/**
 * Characters no one can see or type on purpose: controls (NUL among them, which PostgreSQL
 * cannot store in text), format characters (bidirectional overrides that make an address or
 * a name read differently from what it is, zero-width ones), surrogates and private use.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}]/u;
/** In a name, joiners stay (emoji sequences, Persian and Indic script need them); controls and direction overrides go. */
const NAME_FORBIDDEN = /[\p{Cc}\p{Cs}\p{Co}\u202A-\u202E\u2066-\u2069]/u;

export const emailField = z
  .string({ error: 'Enter your e-mail address.' })
  .max(MAX_EMAIL_LENGTH * 2, 'That e-mail address is too long.')
  .transform(normalizeEmail)
  .refine((e) => e.length > 0, 'Enter your e-mail address.')
  .refine((e) => !INVISIBLE.test(e), 'An e-mail address cannot contain invisible or control characters.')
  .refine(isPlausibleEmail, 'Enter an e-mail address like name@example.com.');

/** A password being chosen: the policy applies. */
export function newPasswordField(isCommon: (p: string) => boolean) {
  return z
    .string({ error: 'Choose a password.' })
    .max(PASSWORD_MAX * 4, PASSWORD_MESSAGES['too-long'])
    .superRefine((password, ctx) => {
      const problem = passwordProblem(password, isCommon);
      if (problem) ctx.addIssue({ code: 'custom', message: PASSWORD_MESSAGES[problem] });
    });
}

/** A password being checked: only presence and a sane size. */
export const currentPasswordField = z
  .string({ error: 'Enter your password.' })
  .min(1, 'Enter your password.')
  .max(PASSWORD_MAX * 4, 'That password is too long.');

export const displayNameField = z
  .string()
  .trim()
  .max(80, 'Keep your name under 80 characters.')
  .refine((n) => !NAME_FORBIDDEN.test(n), 'Your name cannot contain control characters or text-direction overrides.')
  .optional();

/**
 * Where to go afterwards: a path on this site, else the front page. Nullish, because Astro
 * turns a missing or empty form field into null.
 */
export const nextField = z
  .string()
  .max(1024)
  .nullish()
  .transform((v) => safeNextPath(v));

export const tokenField = z.string().max(200).optional();
