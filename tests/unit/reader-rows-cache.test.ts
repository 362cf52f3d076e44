// The embedded database's cache of the signed-in page lookup (src/server/paywall/reader-rows-cache.ts):
// a kept read is used only while the database's write count has not moved.
import { describe, expect, it } from 'vitest';
import { createReaderRowsCache } from '../../src/server/paywall/reader-rows-cache.ts';

describe('the reader rows cache', () => {
  it('answers from memory until anything is written', async () => {
    let writes = 0;
    let reads = 0;
    const cache = createReaderRowsCache<{ n: number }>({ writeCount: () => writes });
    const read = async () => ({ n: ++reads });
    expect(await cache.rows('s1 story', read)).toEqual({ n: 1 });
    expect(await cache.rows('s1 story', read)).toEqual({ n: 1 });
    writes++;
    expect(await cache.rows('s1 story', read)).toEqual({ n: 2 });
    expect(await cache.rows('s1 other', read)).toEqual({ n: 3 });
    expect(cache.stats()).toMatchObject({ hits: 1, misses: 3, entries: 2 });
  });

  it('does not keep a read that a write overtook', async () => {
    let writes = 0;
    let reads = 0;
    const cache = createReaderRowsCache<{ n: number }>({ writeCount: () => writes });
    const overtaken = async () => {
      reads++;
      writes++; // a write lands while the read runs
      return { n: reads };
    };
    await cache.rows('s1', overtaken);
    expect(await cache.rows('s1', async () => ({ n: ++reads }))).toEqual({ n: 2 });
  });

  it('forgets entries after their time', async () => {
    let reads = 0;
    const cache = createReaderRowsCache<{ n: number }>({ writeCount: () => 0, ttlMs: 1 });
    await cache.rows('s1', async () => ({ n: ++reads }));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await cache.rows('s1', async () => ({ n: ++reads }))).toEqual({ n: 2 });
  });
});
