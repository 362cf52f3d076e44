// Every action registered in src/actions/index.ts, fed malformed and hostile forms by
// fast-check over HTTP on a real server: each answers a clear 4xx, the server stays up, and
// nothing is written (no table changes but the rate-limit counters, no e-mail is sent).
//
// On PostgreSQL (TEST_DATABASE_URL) the tables are compared around each action. On PGlite
// the server holds the database, so they are compared once, over the whole file, by stopping
// the server and opening its DATA_DIR (see hostile-site.ts).
//
// HOSTILE_RUNS sets the runs per property (default 30); a failure prints fast-check's seed.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ACTION_SPECS, UNKNOWN_ACTION_SPEC, type ActionSpec } from '../support/hostile/action-forms.ts';
import { assertRefusesAll, assertRefusesCrossSite, assertSurvivesNoise, type Target } from '../support/hostile/action-properties.ts';
import { unclearRefusal } from '../support/hostile/clear-answer.ts';
import { FORM_BODIES, MALFORMED_JSON_BODIES, freshClientAddress, send } from '../support/hostile/hostile-requests.ts';
import { startHostileSite, type HostileSite } from '../support/hostile/hostile-site.ts';
import { registeredActionNames } from '../support/hostile/registered-actions.ts';
import { signedInReader, type SignedInReader } from '../support/hostile/signed-in-reader.ts';
import type { TableSnapshot } from '../support/hostile/table-snapshot.ts';
import { SITE_BUILD_TIMEOUT_MS } from '../support/site-server.ts';
import fc from 'fast-check';

const PORTS = { server: 4440, smtp: 4441, stripe: 4442 };
const PROPERTY_TIMEOUT_MS = 120_000;
/** Pages whose forms post these actions (a page form is the no-JavaScript path). */
const PAGE_FORMS: { action: string; page: string }[] = [
  { action: 'register', page: '/register/' },
  { action: 'signIn', page: '/sign-in/' },
  { action: 'requestLink', page: '/sign-in/' },
  { action: 'resendConfirmation', page: '/sign-in/' },
  { action: 'requestPasswordReset', page: '/forgot-password/' },
  { action: 'resetPassword', page: '/reset-password/' },
  { action: 'unlock', page: '/autos/arkwell-starts-production-spanish-lfp-battery-plant/' },
  { action: 'changePassword', page: '/account/security/' },
  { action: 'endSession', page: '/account/sessions/' },
];

const registered = registeredActionNames();
const exercised = new Set<string>();
let site: HostileSite;
let reader: SignedInReader;
let before: TableSnapshot;
let mailBefore: number;

beforeAll(async () => {
  site = await startHostileSite(PORTS);
  reader = await signedInReader(site.url, site.mail);
  before = await site.snapshot();
  // The snapshot reads the server's own database: the reader just signed in is in it.
  expect(before.users?.rows).toBeGreaterThan(0);
  expect(before.sessions?.rows).toBeGreaterThan(0);
  mailBefore = site.mail.length;
}, SITE_BUILD_TIMEOUT_MS);

afterAll(async () => {
  await site?.close();
});

const specOf = (name: string): ActionSpec => ACTION_SPECS[name] ?? UNKNOWN_ACTION_SPEC;
const rpc = (name: string, cookie?: string): Target => ({ url: `${site.url}/_actions/${name}`, how: 'rpc', origin: site.url, cookie });

async function assertStillServing(): Promise<void> {
  const response = await fetch(`${site.url}/robots.txt`);
  expect(response.status, site.server().output()).toBe(200);
}

describe('hostile input to every action', () => {
  test('the actions are read from src/actions/index.ts and each is routed by the build', async () => {
    expect(registered).toContain('signIn');
    for (const name of registered) {
      const answer = await send({ ...rpc(name), clientAddress: freshClientAddress(), body: 'urlencoded', form: [] });
      // An unknown action is a 404 without a message; every registered one answers otherwise.
      const unknown = answer.status === 404 && !/"message":"[^"]/.test(answer.text);
      expect(unknown, `${name}: ${answer.status} ${answer.text}`).toBe(false);
    }
    expect((await send({ ...rpc('noSuchAction'), clientAddress: freshClientAddress(), body: 'urlencoded', form: [] })).status).toBe(404);
  });

  for (const name of registered) {
    test(`${name}: refuses hostile forms with a clear 4xx and writes nothing`, async () => {
      exercised.add(name);
      const spec = specOf(name);
      const tablesBefore = site.kind === 'postgres' ? await site.snapshot() : undefined;
      if (spec.signedIn || !spec.acceptsAnyInput) await assertRefusesAll(spec, rpc(name));
      else await assertSurvivesNoise(spec, rpc(name));
      if (spec.signedIn) {
        if (spec.acceptsAnyInput) await assertSurvivesNoise(spec, rpc(name, reader.cookie));
        else await assertRefusesAll(spec, rpc(name, reader.cookie));
      }
      await assertRefusesCrossSite(spec, rpc(name, reader.cookie));
      await assertStillServing();
      if (tablesBefore) expect(await site.snapshot()).toEqual(tablesBefore);
    }, PROPERTY_TIMEOUT_MS);
  }

  test('a body over the size limit is refused with 413 by every action', async () => {
    for (const name of registered) {
      const answer = await send({ ...rpc(name, reader.cookie), clientAddress: freshClientAddress(), body: 'huge', form: [['email', 'x']] });
      expect(unclearRefusal(answer, 'rpc'), `${name}: ${answer.status} ${answer.text.slice(0, 200)}`).toBeUndefined();
      expect(answer.status).toBe(413);
    }
    await assertStillServing();
  }, PROPERTY_TIMEOUT_MS);

  // Astro parses a JSON body before any action code runs and lets a SyntaxError become a 500
  // (astro/dist/actions/runtime/server.js, parseRequestBody). No action can catch it: the
  // refusal belongs in src/middleware.ts, which runs before Astro handles actions.
  test('a malformed JSON body is refused with a clear 4xx by every action', async () => {
    for (const name of registered) {
      for (const json of MALFORMED_JSON_BODIES) {
        const answer = await send({ ...rpc(name, reader.cookie), clientAddress: freshClientAddress(), body: 'malformed-json', form: [['body', json]] });
        expect(unclearRefusal(answer, 'rpc'), `${name} with ${json.slice(0, 20)}: ${answer.status} ${answer.text.slice(0, 200)}`).toBeUndefined();
      }
    }
    await assertStillServing();
  }, PROPERTY_TIMEOUT_MS);

  for (const { action, page } of PAGE_FORMS) {
    test(`${action} through the form on ${page}: the page shows the error with a 4xx`, async () => {
      const spec = specOf(action);
      const target: Target = { url: `${site.url}${page}?_action=${action}`, how: 'page', origin: site.url, cookie: spec.signedIn ? reader.cookie : undefined };
      await assertRefusesAll(spec, target, fc.constantFrom(...FORM_BODIES));
      await assertStillServing();
    }, PROPERTY_TIMEOUT_MS);
  }

  test('every registered action was exercised', () => {
    expect([...exercised].sort()).toEqual([...registered].sort());
  });

  test('nothing was written: every table as before (rate limits aside), no e-mail sent', async () => {
    expect(await site.snapshot()).toEqual(before);
    expect(site.mail.slice(mailBefore).map((m) => `${m.to.join(',')}: ${m.subject}`)).toEqual([]);
  }, PROPERTY_TIMEOUT_MS);
});
