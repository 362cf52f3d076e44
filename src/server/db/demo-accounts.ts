// Accounts to try the site with, created on the first start of an empty embedded database
// outside production: a verified reader with the welcome credits, an Executives Club member
// (a demo membership for a year), an editor and an admin. Their passwords are printed to the console
// and listed in the README.
import { subscriptions, users, type Role } from '../../../db/schema/index.ts';
import type { Db } from '../../../db/client.ts';
import { hashPassword } from '../auth/password-hash.ts';
import { markEmailVerified } from '../auth/verification.ts';

export interface DemoAccount {
  email: string;
  password: string;
  displayName: string;
  role: Role;
  member: boolean;
  describe: string;
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { email: 'reader@demo.masthead.test', password: 'demo-reader-2026', displayName: 'Demo Reader', role: 'reader', member: false, describe: 'a verified reader' },
  { email: 'member@demo.masthead.test', password: 'demo-member-2026', displayName: 'Demo Member', role: 'reader', member: true, describe: 'an Executives Club member' },
  { email: 'editor@demo.masthead.test', password: 'demo-editor-2026', displayName: 'Demo Editor', role: 'editor', member: false, describe: 'an editor' },
  { email: 'admin@demo.masthead.test', password: 'demo-admin-2026', displayName: 'Demo Admin', role: 'admin', member: false, describe: 'an admin (roles on the desk)' },
];

const YEAR_MS = 365 * 24 * 3600_000;

export async function createDemoAccounts(db: Db, now: Date): Promise<DemoAccount[]> {
  for (const account of DEMO_ACCOUNTS) {
    const [created] = await db
      .insert(users)
      .values({ email: account.email, passwordHash: await hashPassword(account.password), displayName: account.displayName, role: account.role })
      .onConflictDoNothing()
      .returning({ id: users.id });
    if (!created) continue;
    await markEmailVerified(db, created.id, account.email, now);
    if (account.member) {
      await db.insert(subscriptions).values({
        id: `demo-${created.id}`,
        userId: created.id,
        status: 'active',
        plan: 'yearly',
        currentPeriodEnd: new Date(now.getTime() + YEAR_MS),
        createdAt: now,
        updatedAt: now,
      });
    }
  }
  return DEMO_ACCOUNTS;
}

