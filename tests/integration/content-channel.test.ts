// src/server/content/content-channel.ts: on PostgreSQL, changes announced by another instance
// reach this one's listeners, its own come back to it only once, and after the database was
// away (played by a TCP proxy) it listens again and purges everything once. On PGlite the
// channel is local only.
import postgres from 'postgres';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openPostgres, type Database } from '../../db/client.ts';
import { announceContentChange, onContentChange } from '../../src/server/content/content-changes.ts';
import { CONTENT_CHANNEL, startContentChannel } from '../../src/server/content/content-channel.ts';
import { encodeContentNotification } from '../../src/lib/content/content-notification.ts';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.ts';
import { DATABASE_SETUP_TIMEOUT_MS, freshDatabase, type TestDatabase } from '../support/test-db.ts';

const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;

async function eventually(check: () => boolean, ms = 2000): Promise<void> {
  const start = Date.now();
  while (!check() && Date.now() - start < ms) await new Promise((resolve) => setTimeout(resolve, 20));
  expect(check(), `within ${ms} ms`).toBe(true);
}

let t: TestDatabase;
let received: string[][];
let stopListening: () => void;
const cleanups: (() => Promise<unknown>)[] = [];

beforeEach(async () => {
  t = await freshDatabase();
  received = [];
  stopListening = onContentChange((keys) => received.push([...keys]));
}, DATABASE_SETUP_TIMEOUT_MS);

afterEach(async () => {
  stopListening();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
  await t.close();
});

describe.skipIf(Boolean(TEST_DATABASE_URL))('the content channel on PGlite', () => {
  it('is local only: an announcement reaches this process and nothing else is needed', async () => {
    const stop = await startContentChannel(t);
    cleanups.push(stop);
    await announceContentChange(['story:x']);
    expect(received).toEqual([['story:x']]);
  });
});

describe.skipIf(!TEST_DATABASE_URL)('the content channel on PostgreSQL', () => {
  /** A third connection, as another instance (or psql) would have. */
  function otherConnection() {
    const sql = postgres(t.url!, { max: 1, onnotice: () => {} });
    cleanups.push(() => sql.end({ timeout: 1 }));
    return sql;
  }

  it("delivers another instance's change here, and this instance's own change once", async () => {
    const database: Database = openPostgres(t.url!, 2);
    cleanups.push(() => database.close());
    cleanups.push(await startContentChannel(database));
    const other = otherConnection();
    const heard: string[] = [];
    await other.listen(CONTENT_CHANNEL, (payload) => heard.push(payload));

    await other.notify(CONTENT_CHANNEL, encodeContentNotification('another-instance', ['story:x', 'front']));
    await eventually(() => received.length === 1);
    expect(received).toEqual([['story:x', 'front']]);

    await announceContentChange(['story:y']);
    const sentOut = () => heard.map((payload) => JSON.parse(payload) as { keys: string[] }).filter((n) => n.keys.includes('story:y'));
    await eventually(() => sentOut().length === 1); // it went out to the others
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(received).toEqual([['story:x', 'front'], ['story:y']]); // its echo was skipped
  });

  it('after the database was away, listens again by itself and purges everything once', async () => {
    const proxy: TcpProxy = await startTcpProxy({ port: 0, targetPort: Number(new URL(t.url!).port || 5432) });
    cleanups.push(() => proxy.close());
    const viaProxy = new URL(t.url!);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    const database = openPostgres(viaProxy.toString(), 2);
    cleanups.push(() => database.close());
    cleanups.push(await startContentChannel(database));

    proxy.cut();
    await new Promise((resolve) => setTimeout(resolve, 1500)); // away for a while: reconnects fail
    expect(received).toEqual([]);
    proxy.restore();
    await eventually(() => received.length > 0, 10_000);
    expect(received).toEqual([['*']]);

    // And it hears the others again.
    await otherConnection().notify(CONTENT_CHANNEL, encodeContentNotification('another-instance', ['story:after']));
    await eventually(() => received.length === 2);
    expect(received[1]).toEqual(['story:after']);
  }, 30_000);
});
