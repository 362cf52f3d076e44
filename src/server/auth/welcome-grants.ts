// Welcome credits once per address, for good: a keyed hash of the address (as normalised by
// src/lib/auth/welcome-address.ts) is recorded when they are granted and kept after the
// account is deleted (docs/privacy.md). The key is the site's own, so the hash cannot be
// matched against a list of addresses without the database's site_secrets row.
import { createHmac } from 'node:crypto';
import type { Db } from '../../../db/client.ts';
import { welcomeGrants } from '../../../db/schema/index.ts';
import { welcomeAddress } from '../../lib/auth/welcome-address.ts';
import { siteSecret } from './site-secret.ts';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export const WELCOME_KEY_SECRET = 'welcome-address-key';

export async function welcomeAddressKey(db: Db | Tx, email: string, now: Date): Promise<string> {
  const key = await siteSecret(db, WELCOME_KEY_SECRET, now);
  return createHmac('sha256', key).update(welcomeAddress(email)).digest('hex');
}

/** Records the grant for this address; false when the address (in any of its forms) had it before. */
export async function claimWelcomeGrant(db: Db | Tx, email: string, now: Date): Promise<boolean> {
  const addressKey = await welcomeAddressKey(db, email, now);
  const claimed = await db.insert(welcomeGrants).values({ addressKey, grantedAt: now }).onConflictDoNothing({ target: welcomeGrants.addressKey }).returning({ addressKey: welcomeGrants.addressKey });
  return claimed.length === 1;
}
