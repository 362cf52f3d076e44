import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

const dir = mkdtempSync(path.join(os.tmpdir(), 'masthead-clock-'));
const file = path.join(dir, 'now.txt');

async function freshClock() {
  vi.resetModules();
  return (await import('../../src/server/content/clock.ts')).now;
}

afterEach(() => {
  vi.unstubAllEnvs();
  rmSync(file, { force: true });
});

describe('the clock', () => {
  it('reads the time from MASTHEAD_CLOCK_FILE outside production, each time it is asked', async () => {
    vi.stubEnv('NODE_ENV', 'test');
    vi.stubEnv('MASTHEAD_CLOCK_FILE', file);
    const now = await freshClock();
    writeFileSync(file, '2099-01-01T09:00:00Z');
    expect(now().toISOString()).toBe('2099-01-01T09:00:00.000Z');
    writeFileSync(file, '2099-01-01T09:00:05Z\n');
    expect(now().toISOString()).toBe('2099-01-01T09:00:05.000Z');
  });

  it('falls back to the real time when the file is missing or holds no time', async () => {
    vi.stubEnv('NODE_ENV', 'test');
    vi.stubEnv('MASTHEAD_CLOCK_FILE', file);
    const now = await freshClock();
    expect(Math.abs(now().getTime() - Date.now())).toBeLessThan(60_000);
    writeFileSync(file, 'next tuesday');
    expect(Math.abs(now().getTime() - Date.now())).toBeLessThan(60_000);
  });

  it('ignores the file in production', async () => {
    vi.stubEnv('NODE_ENV', 'production');
    vi.stubEnv('MASTHEAD_CLOCK_FILE', file);
    writeFileSync(file, '2099-01-01T09:00:00Z');
    const now = await freshClock();
    expect(now().getFullYear()).not.toBe(2099);
  });
});
