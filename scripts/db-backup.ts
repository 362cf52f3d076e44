// `npm run db:backup [-- --out FILE]`: a consistent copy of the embedded database, taken while
// the server runs (it answers on its backup channel) or from the data folder when none does.
// On PostgreSQL (DATABASE_URL) it points at pg_dump and docs/deployment.md and does nothing.
// See src/server/backup/ and docs/decisions/016-embedded-database-backups.md.
import { parseArgs } from 'node:util';
import { readServerEnv } from '../src/server/config/server-env.ts';
import { BackupRefused } from '../src/server/backup/backup-refused.ts';
import { postgresBackupMessage } from '../src/server/backup/postgres-backups.ts';
import { takeBackup } from '../src/server/backup/take-backup.ts';
import { megabytes } from '../src/server/backup/sizes.ts';

// Interrupted, the process exits through its 'exit' handlers, which remove what was half-written.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

let out: string | undefined;
try {
  ({ out } = parseArgs({ options: { out: { type: 'string' } } }).values);
} catch (error) {
  console.error(`${(error as Error).message}\nUsage: npm run db:backup [-- --out FILE]`);
  process.exit(2);
}

try {
  const env = readServerEnv(process.env, { forServer: false });
  if (env.databaseUrl) {
    console.error(postgresBackupMessage('db:backup'));
    process.exit(1);
  }
  const taken = await takeBackup({ dataDir: env.dataDir, out, now: new Date() });
  const from = taken.source.kind === 'server' ? `from the running server (pid ${taken.source.pid})` : 'from the data folder (no server was running)';
  console.log(`Backup written: ${taken.file} (${megabytes(taken.bytes)}), ${from}.`);
  console.log(`Restore it with: npm run db:restore -- --from ${taken.file}`);
} catch (error) {
  console.error(error instanceof BackupRefused ? error.message : `The backup failed: ${(error as Error).stack ?? error}`);
  process.exit(1);
}
