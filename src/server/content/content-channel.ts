// Carries content changes between instances. On PostgreSQL every instance LISTENs on
// CONTENT_CHANNEL; announceContentChange (src/server/content/content-changes.ts) sends the
// keys with pg_notify, and each other instance hands them to its own listeners (its page
// cache purges them). Payloads name the sender, so an instance skips its own (it delivered
// them locally already), and keys too many for a notification go as ['*']
// (src/lib/content/content-notification.ts).
//
// The LISTEN connection is postgres.js's own: after a database outage it reconnects and
// listens again by itself, and calls onlisten each time. A notification sent while this
// instance was not listening is lost, so each re-listen purges everything once.
// On PGlite there is one process (the data folder has one opener): changes stay local.
import { randomUUID } from 'node:crypto';
import type { Database } from '../../../db/client.ts';
import { PURGE_ALL } from '../../lib/http/keyed-page-store.ts';
import { decodeContentNotification, encodeContentNotification } from '../../lib/content/content-notification.ts';
import { deliverContentChange, setContentBroadcast } from './content-changes.ts';

export const CONTENT_CHANNEL = 'masthead_content';

/**
 * Starts delivering changes between instances (nothing to do on PGlite). Resolves once this
 * instance listens; the returned function stops listening and sending.
 */
export async function startContentChannel(database: Database, log: (line: string) => void = () => {}): Promise<() => Promise<void>> {
  const sql = database.postgresClient;
  if (database.kind !== 'postgres' || !sql) {
    setContentBroadcast(undefined);
    return async () => {};
  }
  const instance = randomUUID();
  let listened = 0;
  const { unlisten } = await sql.listen(
    CONTENT_CHANNEL,
    (payload) => {
      const keys = decodeContentNotification(payload, instance);
      if (keys) deliverContentChange(keys);
    },
    () => {
      // First call: listening began. Any later one: back after the connection was lost.
      if (++listened === 1) return;
      log('Content channel: listening again after a lost connection; every cached page is dropped once.');
      deliverContentChange([PURGE_ALL]);
    },
  );
  setContentBroadcast(async (keys) => {
    await sql.notify(CONTENT_CHANNEL, encodeContentNotification(instance, keys));
  });
  return async () => {
    setContentBroadcast(undefined);
    await unlisten();
  };
}
