// `npm run db:backup` and `npm run db:restore` as an operator runs them (scripts/db-backup.ts,
// scripts/db-restore.ts, in their own process), and the rows a backup must carry, read from a
// data folder, for tests that compare a restored database with the one it came from.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { asc } from 'drizzle-orm';
import { openPglite } from '../../db/client.ts';
import { creditLedger, sessions, unlocks, users } from '../../db/schema/index.ts';
import { auditLedger, type LedgerAudit } from './faults/ledger-audit.ts';
import { ROOT } from './test-site.ts';

export interface CommandRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export interface RunningCommand {
  child: ChildProcess;
  done: Promise<CommandRun>;
}

/** Starts `scripts/db-<command>.ts` with `args`; `env` over a copy of this one without DATABASE_URL or DATA_DIR. */
export function startBackupCommand(command: 'backup' | 'restore', args: string[], env: Record<string, string>): RunningCommand {
  const { DATABASE_URL: _a, DATA_DIR: _b, ...outer } = process.env;
  const child = spawn(process.execPath, [path.join(ROOT, 'scripts', `db-${command}.ts`), ...args], { cwd: ROOT, env: { ...outer, NO_COLOR: '1', ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<CommandRun>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
  return { child, done };
}

export function runBackupCommand(command: 'backup' | 'restore', args: string[], env: Record<string, string>): Promise<CommandRun> {
  return startBackupCommand(command, args, env).done;
}

export interface ReaderRows {
  users: (typeof users.$inferSelect)[];
  ledger: (typeof creditLedger.$inferSelect)[];
  unlocks: (typeof unlocks.$inferSelect)[];
  sessions: number;
  audit: LedgerAudit;
}

/** Everything about readers and their credits in the embedded database of `dataDir` (opened here, so no server may hold it). */
export async function readerRowsIn(dataDir: string): Promise<ReaderRows> {
  const database = await openPglite(path.join(dataDir, 'db'));
  try {
    const { db } = database;
    return {
      users: await db.select().from(users).orderBy(asc(users.email)),
      ledger: await db.select().from(creditLedger).orderBy(asc(creditLedger.id)),
      unlocks: await db.select().from(unlocks).orderBy(asc(unlocks.userId), asc(unlocks.articleSlug)),
      sessions: (await db.select({ id: sessions.id }).from(sessions)).length,
      audit: await auditLedger(db),
    };
  } finally {
    await database.close();
  }
}
