// Reads kept in memory until content changes (src/server/content/kept-until-content-changes.ts),
// as "More in <Section>" uses them: one read per key until a change, none kept across a change
// or a failure, and never more than the byte bound.
import { describe, expect, it } from 'vitest';
import { deliverContentChange } from '../../src/server/content/content-changes.ts';
import { jsonBytes, keptUntilContentChanges } from '../../src/server/content/kept-until-content-changes.ts';

function counted(values: string[]) {
  let reads = 0;
  return { read: async () => [values[reads++] ?? 'none'], reads: () => reads };
}

const kept = (maxBytes = 1024 * 1024) => keptUntilContentChanges<string[]>({ maxBytes, ttlMs: 60_000, bytesOf: jsonBytes });

describe('reads kept until content changes', () => {
  it('reads once per key, then answers from memory', async () => {
    const cache = kept();
    const source = counted(['first', 'second']);
    expect(await cache.get('a', source.read)).toEqual(['first']);
    expect(await cache.get('a', source.read)).toEqual(['first']);
    expect(source.reads()).toBe(1);
    expect(await cache.get('b', source.read)).toEqual(['second']);
    expect(source.reads()).toBe(2);
  });

  it('reads again after any content change', async () => {
    const cache = kept();
    const source = counted(['before', 'after']);
    await cache.get('a', source.read);
    deliverContentChange(['story:elsewhere']);
    expect(await cache.get('a', source.read)).toEqual(['after']);
    expect(cache.stats().entries).toBe(1);
  });

  it('does not keep a read that a change overtook', async () => {
    const cache = kept();
    let release: () => void = () => {};
    const slow = () => new Promise<string[]>((resolve) => (release = () => resolve(['stale'])));
    const pending = cache.get('a', slow);
    deliverContentChange(['*']);
    release();
    expect(await pending).toEqual(['stale']);
    expect(await cache.get('a', async () => ['fresh'])).toEqual(['fresh']);
  });

  it('does not keep a failed read', async () => {
    const cache = kept();
    await expect(cache.get('a', () => Promise.reject(new Error('database down')))).rejects.toThrow('database down');
    expect(await cache.get('a', async () => ['read again'])).toEqual(['read again']);
  });

  it('stays within its byte bound, dropping the least recently used', async () => {
    const entry = ['x'.repeat(100)]; // 2 x 106 characters of JSON: 212 bytes
    const cache = kept(1000);
    for (const key of ['a', 'b', 'c', 'd', 'e', 'f']) await cache.get(key, async () => entry);
    expect(cache.stats().bytes).toBeLessThanOrEqual(1000);
    expect(cache.stats().entries).toBe(4);
    let readAgain = false;
    await cache.get('a', async () => ((readAgain = true), entry));
    expect(readAgain).toBe(true);
  });
});
