// E-mail addresses as Masthead stores and compares them: trimmed and lower-cased.

export const MAX_EMAIL_LENGTH = 254;

export function normalizeEmail(raw: string): string {
  return raw.trim().toLowerCase();
}

/** A practical check: one @, a dot in the domain, no spaces. The link we send proves the rest. */
export function isPlausibleEmail(email: string): boolean {
  return email.length <= MAX_EMAIL_LENGTH && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email);
}
