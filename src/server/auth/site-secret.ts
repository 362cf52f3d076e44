// Secrets the site makes for itself: created on first use by whichever instance gets there
// first (insert, on conflict keep the other's), then read, so every instance uses the same.
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { siteSecrets } from '../../../db/schema/index.ts';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

// Per database handle: a test process opens many databases, each with its own secrets.
// A transaction handle is short-lived, so inside one the secret is simply read each time.
const cache = new WeakMap<object, Map<string, Promise<Uint8Array>>>();

async function loadSiteSecret(db: Db | Tx, name: string, now: Date): Promise<Uint8Array> {
  await db.insert(siteSecrets).values({ name, value: new Uint8Array(randomBytes(32)), createdAt: now }).onConflictDoNothing({ target: siteSecrets.name });
  const [row] = await db.select({ value: siteSecrets.value }).from(siteSecrets).where(eq(siteSecrets.name, name)).limit(1);
  if (!row) throw new Error(`The site secret ${name} could not be stored.`);
  return row.value;
}

export function siteSecret(db: Db | Tx, name: string, now: Date): Promise<Uint8Array> {
  let secrets = cache.get(db);
  if (!secrets) cache.set(db, (secrets = new Map()));
  let secret = secrets.get(name);
  if (!secret) {
    secret = loadSiteSecret(db, name, now);
    // A failure (the database away) is not remembered: the next call tries again.
    secret.catch(() => secrets.delete(name));
    secrets.set(name, secret);
  }
  return secret;
}
