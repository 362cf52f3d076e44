// Marking an address as verified, and with it the welcome credits: both in one transaction,
// so a verified reader has had their welcome grant once, unless the address (in any of its
// forms) had it before, for an account since deleted (welcome-grants.ts).
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { users } from '../../../db/schema/index.ts';
import { CREDIT_CONFIG } from '../../lib/credits/credit-config.ts';
import { refillPeriod } from '../../lib/credits/monthly-refill.ts';
import { applyGrant } from '../credits/ledger.ts';
import { claimWelcomeGrant } from './welcome-grants.ts';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** True when this call verified the address (it was not verified before). Inside another
 * transaction (pass its `tx`), it becomes a savepoint of it. */
export async function markEmailVerified(db: Db | Tx, userId: string, email: string, now: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    const flipped = await tx
      .update(users)
      .set({ emailVerifiedAt: now, updatedAt: now, refillPeriod: refillPeriod(now) })
      .where(and(eq(users.id, userId), eq(users.email, email), isNull(users.emailVerifiedAt)))
      .returning({ id: users.id });
    if (flipped.length === 0) return false;
    if (await claimWelcomeGrant(tx, email, now)) await applyGrant(tx, userId, { amount: CREDIT_CONFIG.welcome, reason: 'welcome' }, now);
    return true;
  });
}
