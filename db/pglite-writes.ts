// Counts the writes made through one PGlite instance: a number that changes whenever a
// statement that may write starts or ends (anything but a plain SELECT, and every transaction,
// counted before it begins and after it commits or rolls back). PGlite runs in this process and
// its data folder is locked to it (db/data-dir-lock.ts), so every write to it passes here: a
// read result kept with the number seen before the read is exact as long as the number has not
// changed (src/server/paywall/reader-rows-cache.ts). On PostgreSQL other processes write, and
// nothing is counted.
import type { PGlite } from '@electric-sql/pglite';

/** A statement that only reads: SELECT, with nothing before it but blanks or opening brackets. */
const READ_ONLY = /^[\s(]*select\b/i;

/** Wraps `client`'s query, exec and transaction; returns the current write number. */
export function countPgliteWrites(client: PGlite): () => number {
  let writes = 0;
  const around = async <T>(run: () => Promise<T>): Promise<T> => {
    writes++;
    try {
      return await run();
    } finally {
      writes++;
    }
  };
  const query = client.query.bind(client);
  const exec = client.exec.bind(client);
  const transaction = client.transaction.bind(client);
  client.query = ((text: string, ...rest: unknown[]) => (READ_ONLY.test(text) ? (query as (...a: unknown[]) => Promise<unknown>)(text, ...rest) : around(() => (query as (...a: unknown[]) => Promise<unknown>)(text, ...rest)))) as PGlite['query'];
  client.exec = ((...args: Parameters<PGlite['exec']>) => around(() => exec(...args))) as PGlite['exec'];
  client.transaction = ((...args: Parameters<PGlite['transaction']>) => around(() => transaction(...args))) as PGlite['transaction'];
  return () => writes;
}
