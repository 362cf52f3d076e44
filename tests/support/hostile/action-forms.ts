// What each action's form holds, and fast-check arbitraries for forms it must refuse.
// Every generated form breaks at least one field on purpose (missing, blank, wrong type,
// too long, wrong format), so the right answer is always a 4xx; the other fields carry
// hostile or plausible values. An action that is not described here (one added after this
// file) still gets forms of stray and hostile fields, and must refuse them too.
import fc from 'fast-check';
import { blanks, enormous, hostileString, injections, strayFieldName, unicodeOddities } from './hostile-strings.ts';

export type FieldKind =
  | 'email' | 'new-password' | 'current-password' | 'token' | 'next' | 'display-name'
  | 'slug' | 'session-id' | 'plan' | 'pack' | 'confirm' | 'role';

export interface ActionSpec {
  fields: Record<string, FieldKind>;
  /** Needs a signed-in reader: anonymous, every form answers 401. */
  signedIn: boolean;
  /**
   * The form has nothing that can be broken (no fields, or only `next`, which any value
   * satisfies): a signed-in (or, for sign-out, anonymous) reader gets the normal answer,
   * which must still write nothing and never be a 5xx.
   */
  acceptsAnyInput?: boolean;
}

/** One value of a form: text, or a file where text is expected (a wrong type). */
export type FormValue = string | { file: string };
export type FormEntries = [string, FormValue][];

export const ACTION_SPECS: Record<string, ActionSpec> = {
  register: { fields: { email: 'email', password: 'new-password', displayName: 'display-name', next: 'next' }, signedIn: false },
  verifyEmail: { fields: { token: 'token', next: 'next' }, signedIn: false },
  resendVerificationEmail: { fields: { next: 'next' }, signedIn: true, acceptsAnyInput: true },
  resendConfirmation: { fields: { email: 'email', next: 'next' }, signedIn: false },
  signIn: { fields: { email: 'email', password: 'current-password', next: 'next' }, signedIn: false },
  requestLink: { fields: { email: 'email', next: 'next' }, signedIn: false },
  useSignInLink: { fields: { token: 'token', next: 'next' }, signedIn: false },
  signOut: { fields: {}, signedIn: false, acceptsAnyInput: true },
  endSession: { fields: { sessionId: 'session-id' }, signedIn: true },
  endOtherSessions: { fields: {}, signedIn: true, acceptsAnyInput: true },
  deleteMyAccount: { fields: { password: 'current-password', confirm: 'confirm' }, signedIn: true },
  unlock: { fields: { slug: 'slug' }, signedIn: true },
  joinClub: { fields: { plan: 'plan', next: 'next' }, signedIn: true },
  buyCredits: { fields: { pack: 'pack', next: 'next' }, signedIn: true },
  manageBilling: { fields: {}, signedIn: true }, // refused: this reader has bought nothing
  requestPasswordReset: { fields: { email: 'email', next: 'next' }, signedIn: false },
  resetPassword: { fields: { token: 'token', password: 'new-password', next: 'next' }, signedIn: false },
  changePassword: { fields: { currentPassword: 'current-password', newPassword: 'new-password' }, signedIn: true },
  requestEmailChange: { fields: { newEmail: 'email', password: 'current-password' }, signedIn: true },
  confirmEmailChange: { fields: { token: 'token' }, signedIn: false },
  changeUserRole: { fields: { email: 'email', role: 'role' }, signedIn: true }, // refused: the reader is no admin
};

/** Refused for unknown actions too: a reader is no editor, and anonymous is no one. */
export const UNKNOWN_ACTION_SPEC: ActionSpec = { fields: { email: 'email', role: 'role', userId: 'session-id', slug: 'slug' }, signedIn: true };

const hex = fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 8, maxLength: 16 });

/** Values that pass the field's schema (the form is refused for another reason). */
function plausible(kind: FieldKind): fc.Arbitrary<string> {
  switch (kind) {
    case 'email': return hex.map((h) => `hostile-${h}@example.test`);
    case 'new-password': return hex.map((h) => `a long phrase ${h} nobody uses`);
    case 'current-password': return hex.map((h) => `wrong-${h}`);
    case 'token': return hex;
    case 'next': return fc.constantFrom('/', '/business/', '//evil.example/', 'https://evil.example/', 'javascript:alert(1)');
    case 'display-name': return fc.constantFrom('Ada', '  Ada  ', 'ليلى', '李');
    case 'slug': return hex.map((h) => `no-such-story-${h}`);
    case 'session-id': return hex;
    case 'plan': return fc.constantFrom('monthly', 'yearly');
    case 'pack': return fc.constantFrom('credits-5', 'credits-20');
    case 'confirm': return fc.constant('on');
    case 'role': return fc.constantFrom('reader', 'editor', 'admin');
  }
}

/** Values the field's schema (or the command behind it) refuses; undefined means left out. */
function broken(kind: FieldKind): fc.Arbitrary<FormValue | undefined> {
  const common = fc.oneof(fc.constant(undefined), blanks, enormous, fc.constant({ file: 'x' }));
  switch (kind) {
    case 'email': return fc.oneof(common, injections, unicodeOddities, fc.constantFrom('no-at-sign', '@example.test', 'a@', 'a@b', 'a b@example.test'));
    case 'new-password': return fc.oneof(common, fc.constantFrom('short', 'password', '12345678', 'a'.repeat(513)));
    case 'current-password': return fc.oneof(fc.constant(undefined), fc.constant(''), fc.constant('p'.repeat(513)), fc.constant({ file: 'x' }));
    case 'token': return fc.oneof(common, hostileString, hex);
    case 'display-name': return fc.oneof(fc.constant(' '.repeat(3) + 'n'.repeat(81)), enormous, fc.constantFrom('Ada\u0000', 'Ada\u202Enimda', 'two\nlines', '\u2066Ada'));
    case 'slug': return fc.oneof(common, injections, unicodeOddities, fc.constantFrom('UPPER', '-leading', 'a/b', '../etc', 's'.repeat(201)));
    case 'session-id': return fc.oneof(fc.constant(undefined), fc.constant(''), fc.constant('i'.repeat(65)), enormous, fc.constant({ file: 'x' }), fc.constantFrom('dead\u0000beef', 'DEADBEEF', 'dead beef'));
    case 'plan': return fc.oneof(common, injections, fc.constantFrom('Monthly', 'weekly', 'lifetime', 'monthly '));
    case 'pack': return fc.oneof(common, injections, fc.constantFrom('credits-1000', 'credits-5 ', 'CREDITS-5'));
    case 'confirm': return fc.oneof(fc.constant(undefined), fc.constantFrom('', 'off', 'yes', 'true', 'ON'));
    case 'role': return fc.oneof(common, injections, fc.constantFrom('superuser', 'ADMIN', 'admin ', 'root'));
    case 'next': return fc.constant(undefined); // any next is accepted (made safe); never the breaker
  }
}

/** Any value at all for a field that is not the one broken on purpose. */
function anyValue(kind: FieldKind): fc.Arbitrary<FormValue | undefined> {
  return fc.oneof({ arbitrary: plausible(kind), weight: 2 }, { arbitrary: broken(kind), weight: 1 }, { arbitrary: hostileString, weight: 1 });
}

function breakable(spec: ActionSpec): string[] {
  return Object.entries(spec.fields).filter(([, kind]) => kind !== 'next').map(([name]) => name);
}

/**
 * A form the action must refuse: one breakable field broken, the others anything, plus
 * stray fields (prototype keys among them) and repeated fields.
 */
export function refusedForm(spec: ActionSpec): fc.Arbitrary<FormEntries> {
  const names = Object.keys(spec.fields);
  const breakers = breakable(spec);
  const breaker = breakers.length > 0 ? fc.constantFrom(...breakers) : fc.constant(undefined);
  return fc
    .record({
      breaker,
      values: fc.tuple(...names.map((n) => anyValue(spec.fields[n]!))),
      brokenValues: fc.tuple(...names.map((n) => broken(spec.fields[n]!))),
      stray: fc.array(fc.tuple(strayFieldName.filter((n) => !(n in spec.fields)), hostileString), { maxLength: 3 }),
      repeated: fc.array(fc.tuple(fc.constantFrom(...(names.length > 0 ? names : ['x'])), hostileString), { maxLength: 2 }),
    })
    .map(({ breaker: chosen, values, brokenValues, stray, repeated }) => {
      const entries: FormEntries = [];
      names.forEach((name, i) => {
        const value = name === chosen ? brokenValues[i] : values[i];
        if (value !== undefined) entries.push([name, value]);
      });
      // A repeated field comes after the first value, which is the one read: noise only when
      // the field is there already (otherwise the "repeat" would fill in a missing field).
      const present = new Set(entries.map(([name]) => name));
      return [...entries, ...stray, ...repeated.filter(([name]) => present.has(name))];
    });
}

/** A value of each kind that its schema accepts, for the known cases below. */
const PLAIN: Record<FieldKind, string> = {
  email: 'hostile-known@example.test', 'new-password': 'a long phrase nobody uses 2026', 'current-password': 'wrong-password-0',
  token: 'deadbeefdeadbeef', next: '/', 'display-name': 'Ada', slug: 'no-such-story-known', 'session-id': 'deadbeef',
  plan: 'monthly', pack: 'credits-5', confirm: 'on', role: 'editor',
};

/** Text that looks well-formed but hides a NUL (PostgreSQL cannot store it) or reverses direction. */
const DISGUISED: Partial<Record<FieldKind, string[]>> = {
  email: ['a\u0000b@example.test', '\u202Eevil\u202C@example.test', 'zero\u200Bwidth@example.test'],
  'display-name': ['Ada\u0000', 'Ada\u202Enimda'],
  token: ['dead\u0000beef'],
  'session-id': ['dead\u0000beef', 'deadbeef\u0000'],
};

/**
 * Forms whose fields are all plausible but one disguised value: tried first, on every run,
 * because random generation finds them only now and then.
 */
export function disguisedForms(spec: ActionSpec): FormEntries[] {
  const names = Object.keys(spec.fields);
  return names.flatMap((name) =>
    (DISGUISED[spec.fields[name]!] ?? []).map((hidden) => names.map((n): [string, FormValue] => [n, n === name ? hidden : PLAIN[spec.fields[n]!]])),
  );
}

/** Any form at all for an action whose input cannot be broken (hostile noise only). */
export function noiseForm(spec: ActionSpec): fc.Arbitrary<FormEntries> {
  const names = [...Object.keys(spec.fields), 'x'];
  return fc.array(fc.tuple(fc.oneof(fc.constantFrom(...names), strayFieldName), hostileString), { maxLength: 5 });
}
