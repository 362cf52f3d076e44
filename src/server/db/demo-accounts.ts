// Accounts to try the site with, created on the first start of an empty embedded database
// outside production. Their passwords are printed to the console and listed in the README.
import { users, type Role } from '../../../db/schema/index.ts';
import type { Db } from '../../../db/client.ts';
import { hashPassword } from '../auth/password-hash.ts';

export interface DemoAccount {
  email: string;
  password: string;
  displayName: string;
  role: Role;
  describe: string;
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { email: 'reader@demo.masthead.test', password: 'demo-reader-2026', displayName: 'Demo Reader', role: 'reader', describe: 'a verified reader' },
  { email: 'member@demo.masthead.test', password: 'demo-member-2026', displayName: 'Demo Member', role: 'reader', describe: 'an Executives Club member' },
  { email: 'editor@demo.masthead.test', password: 'demo-editor-2026', displayName: 'Demo Editor', role: 'editor', describe: 'an editor' },
];

export async function createDemoAccounts(db: Db, now: Date): Promise<DemoAccount[]> {
  for (const account of DEMO_ACCOUNTS) {
    await db
      .insert(users)
      .values({
        email: account.email,
        passwordHash: await hashPassword(account.password),
        displayName: account.displayName,
        role: account.role,
        emailVerifiedAt: now,
      })
      .onConflictDoNothing();
  }
  return DEMO_ACCOUNTS;
}
