// `npm run user:role -- <email> <role>`: makes an account a reader, editor or admin.
import path from 'node:path';
import { openPglite, openPostgres } from '../db/client.ts';
import { pendingMigrations } from '../db/migrate.ts';
import { ROLES, type Role } from '../db/schema/index.ts';
import { normalizeEmail } from '../src/lib/auth/email-address.ts';
import { readServerEnv } from '../src/server/config/server-env.ts';
import { setUserRole } from '../src/server/auth/users.ts';

const [rawEmail, rawRole] = process.argv.slice(2);
if (!rawEmail || !rawRole) {
  console.error(`Usage: npm run user:role -- <email> <role>   (role: ${ROLES.join(', ')})`);
  process.exit(2);
}
if (!ROLES.includes(rawRole as Role)) {
  console.error(`Unknown role "${rawRole}". Use one of: ${ROLES.join(', ')}.`);
  process.exit(2);
}
try {
  const env = readServerEnv(process.env, { forServer: false });
  const database = env.databaseUrl ? openPostgres(env.databaseUrl, 1) : await openPglite(path.join(env.dataDir, 'db'));
  try {
    if ((await pendingMigrations(database)) > 0) throw new Error('the database is not migrated yet; run `npm run db:migrate` first.');
    const user = await setUserRole(database.db, normalizeEmail(rawEmail), rawRole as Role, new Date());
    if (!user) throw new Error(`no account has the e-mail address ${normalizeEmail(rawEmail)}.`);
    console.log(`${user.email} is now ${user.role === 'admin' ? 'an' : 'a'} ${user.role}.`);
  } finally {
    await database.close();
  }
} catch (error) {
  console.error(`Could not set the role: ${(error as Error).message}`);
  process.exit(1);
}
