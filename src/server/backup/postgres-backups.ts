// What db:backup and db:restore say when DATABASE_URL is set: PostgreSQL has its own tools,
// and the procedure (with the order relative to migrations) is in docs/deployment.md.

export function postgresBackupMessage(command: 'db:backup' | 'db:restore'): string {
  return [
    `${command} works on the embedded database only, and DATABASE_URL is set: this site runs on PostgreSQL. Nothing was done.`,
    'Back PostgreSQL up with pg_dump (pg_dump -Fc) and restore it with pg_restore into a new database,',
    'as docs/deployment.md describes under "Backups" (or use your managed database\'s point-in-time recovery).',
  ].join('\n');
}
