// `npm run db:restore -- --from FILE [--replace]`: makes a backup taken by db:backup the
// embedded database again, in DATA_DIR/db. Refuses while a server holds the folder, and over
// a folder that holds a database unless --replace (which keeps that folder aside). On
// PostgreSQL (DATABASE_URL) it points at pg_restore and docs/deployment.md and does nothing.
// See src/server/backup/ and docs/decisions/016-embedded-database-backups.md.
import { parseArgs } from 'node:util';
import { readServerEnv } from '../src/server/config/server-env.ts';
import { BackupRefused } from '../src/server/backup/backup-refused.ts';
import { postgresBackupMessage } from '../src/server/backup/postgres-backups.ts';
import { restoreBackup } from '../src/server/backup/restore-backup.ts';

// Interrupted, the process exits through its 'exit' handlers, which remove the half-made folder.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

const USAGE = 'Usage: npm run db:restore -- --from FILE [--replace]';
let from: string | undefined;
let replace = false;
try {
  const { values } = parseArgs({ options: { from: { type: 'string' }, replace: { type: 'boolean', default: false } } });
  from = values.from;
  replace = values.replace;
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}

try {
  const env = readServerEnv(process.env, { forServer: false });
  if (env.databaseUrl) {
    console.error(postgresBackupMessage('db:restore'));
    process.exit(1);
  }
  if (!from) {
    console.error(`Say which backup to restore.\n${USAGE}`);
    process.exit(2);
  }
  const restored = await restoreBackup({ dataDir: env.dataDir, from, replace, now: new Date() });
  const accounts = restored.accounts === null ? '' : ` (${restored.accounts} account${restored.accounts === 1 ? '' : 's'})`;
  console.log(`Restored ${from} into ${restored.dbDir}${accounts}.`);
  if (restored.keptAside) console.log(`The folder it replaced is kept at ${restored.keptAside}; remove it once the restored site is checked.`);
  console.log('Start the server (npm run serve): it applies any migration the backup is behind on.');
} catch (error) {
  console.error(error instanceof BackupRefused ? error.message : `The restore failed: ${(error as Error).stack ?? error}`);
  process.exit(1);
}
