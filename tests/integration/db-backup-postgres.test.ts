// With DATABASE_URL set, `npm run db:backup` and `npm run db:restore` do nothing: they say that
// PostgreSQL is backed up with pg_dump and restored with pg_restore, point at the procedure in
// docs/deployment.md, and exit 1 (so a scheduled backup that is not one is noticed). They write
// no file and touch no data folder. Runs on both passes: against TEST_DATABASE_URL when it is
// set, else against an address nothing listens on (the commands must not connect at all).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runBackupCommand } from '../support/backup-commands.ts';
import { ROOT } from '../support/test-site.ts';

const DATABASE_URL = process.env.TEST_DATABASE_URL || 'postgres://nobody@127.0.0.1:9/no_database';
const work = mkdtempSync(path.join(os.tmpdir(), 'masthead-backup-pg-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe(`db:backup and db:restore with DATABASE_URL (${process.env.TEST_DATABASE_URL ? 'TEST_DATABASE_URL' : 'an address nothing listens on'})`, () => {
  it('db:backup points at pg_dump and the deployment guide, and writes nothing', async () => {
    const out = path.join(work, 'backup.tar.gz');
    const run = await runBackupCommand('backup', ['--out', out], { DATABASE_URL, DATA_DIR: work });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('db:backup works on the embedded database only, and DATABASE_URL is set: this site runs on PostgreSQL. Nothing was done.');
    expect(run.stderr).toContain('pg_dump -Fc');
    expect(run.stderr).toContain('docs/deployment.md');
    expect(run.stdout).toBe('');
    expect(readdirSync(work)).toEqual([]);
  }, 60_000);

  it('db:restore points at pg_restore and the deployment guide, and touches nothing', async () => {
    const dataDir = path.join(work, 'data');
    mkdirSync(path.join(dataDir, 'db'), { recursive: true });
    writeFileSync(path.join(dataDir, 'db', 'PG_VERSION'), '17\n');
    const dump = path.join(work, 'dump.tar.gz');
    writeFileSync(dump, 'whatever');
    const run = await runBackupCommand('restore', ['--from', dump, '--replace'], { DATABASE_URL, DATA_DIR: dataDir });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('db:restore works on the embedded database only, and DATABASE_URL is set');
    expect(run.stderr).toContain('pg_restore');
    expect(run.stderr).toContain('docs/deployment.md');
    expect(readdirSync(dataDir)).toEqual(['db']);
    expect(readdirSync(path.join(dataDir, 'db'))).toEqual(['PG_VERSION']);
  }, 60_000);

  it('the procedure they point at is in docs/deployment.md', () => {
    const guide = readFileSync(path.join(ROOT, 'docs/deployment.md'), 'utf8');
    for (const command of ['pg_dump -Fc', 'pg_restore', 'npm run db:backup', 'npm run db:restore']) expect(guide).toContain(command);
    expect(existsSync(path.join(ROOT, 'docs/decisions/016-embedded-database-backups.md'))).toBe(true);
  });
});
