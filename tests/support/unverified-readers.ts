// Readers signed in while their address is still unconfirmed (the `unverified` state). No
// flow makes such a session any more (a password sign-in to an unconfirmed account is refused,
// decision 007), so the test server's database is seeded with a pool of them before the
// server starts, and each test claims one (a fixture that writes the session row directly,
// instead of clicking through a flow that no longer exists).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { request } from '@playwright/test';
import type { Db } from '../../db/client.ts';
import { users } from '../../db/schema/index.ts';
import { hashPassword } from '../../src/server/auth/password-hash.ts';
import { sessionCookieName } from '../../src/server/auth/session-cookie.ts';
import { createSession } from '../../src/server/auth/sessions.ts';
import { randomClientAddress } from './http-forms.ts';
import type { HttpReader } from './http-reader.ts';
import { TEST_BASE_URL, TEST_BUILD_DIR } from './test-site.ts';

const POOL_FILE = path.join(TEST_BUILD_DIR, 'unverified-readers.json');
const CLAIMS_DIR = path.join(TEST_BUILD_DIR, 'unverified-claims');
/** More than the suites use in one run (each test that needs one takes its own). */
const POOL_SIZE = 40;

interface SeededReader {
  email: string;
  password: string;
  token: string;
}

/** Creates the pool in the test server's database and writes who they are for the tests. */
export async function seedUnverifiedReaders(db: Db, now: Date): Promise<void> {
  const password = 'an unconfirmed reader phrase';
  const passwordHash = await hashPassword(password);
  const pool: SeededReader[] = [];
  for (let i = 0; i < POOL_SIZE; i++) {
    const email = `unverified-${i}-${now.getTime().toString(36)}@example.test`;
    const [user] = await db.insert(users).values({ email, passwordHash, displayName: null, createdAt: now, updatedAt: now }).returning({ id: users.id });
    if (!user) throw new Error('could not seed an unverified reader');
    const { token } = await createSession(db, user.id, now, { userAgent: 'test fixture', ipAddress: '127.0.0.1' });
    pool.push({ email, password, token });
  }
  writeFileSync(POOL_FILE, JSON.stringify(pool));
}

/** Takes a reader of the pool no other test has taken (mkdir is atomic across workers). */
function claim(): SeededReader {
  const pool = JSON.parse(readFileSync(POOL_FILE, 'utf8')) as SeededReader[];
  mkdirSync(CLAIMS_DIR, { recursive: true });
  for (const [i, reader] of pool.entries()) {
    try {
      mkdirSync(path.join(CLAIMS_DIR, String(i)));
      return reader;
    } catch {
      // taken by another test
    }
  }
  throw new Error(`All ${pool.length} unverified readers of the test server are taken; raise POOL_SIZE in tests/support/unverified-readers.ts.`);
}

/** A signed-in reader whose address is not confirmed, with a cookie jar of its own. */
export async function unverifiedReader(): Promise<HttpReader> {
  const { email, password, token } = claim();
  const host = new URL(TEST_BASE_URL).hostname;
  const api = await request.newContext({
    baseURL: TEST_BASE_URL,
    extraHTTPHeaders: { Origin: TEST_BASE_URL, 'X-Forwarded-For': randomClientAddress() },
    storageState: {
      cookies: [{ name: sessionCookieName(false), value: token, domain: host, path: '/', expires: -1, httpOnly: true, secure: false, sameSite: 'Lax' }],
      origins: [],
    },
  });
  return { api, email, password };
}
