import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { withLockedParts } from '../../bench/lib/story-expectations.mjs';
import { CONTEXT, LOCKED_WORDS, storyFile } from './compile-story-helpers.ts';

const contentDir = mkdtempSync(path.join(os.tmpdir(), 'bench-expectations-'));
afterAll(() => rmSync(contentDir, { recursive: true, force: true }));
for (const dir of ['sections', 'authors', 'articles']) mkdirSync(path.join(contentDir, dir), { recursive: true });
for (const id of CONTEXT.sections) writeFileSync(path.join(contentDir, 'sections', `${id}.yaml`), `name: ${id}\n`);
for (const id of CONTEXT.authors) writeFileSync(path.join(contentDir, 'authors', `${id}.yaml`), `name: ${id}\n`);
writeFileSync(path.join(contentDir, 'articles/harbour-bank.mdx'), storyFile('Harbour Bank raised its dividend.'));
writeFileSync(path.join(contentDir, 'articles/broken.mdx'), storyFile('<Unknown />'));

describe('withLockedParts', () => {
  it('adds each story’s locked parts as its source compiles them', () => {
    const [story] = withLockedParts([{ path: '/business/harbour-bank/', slug: 'harbour-bank' }], contentDir);
    expect(story?.path).toBe('/business/harbour-bank/');
    expect(story?.lockedParts.map((p: { part: string }) => p.part)).toEqual(['key-insights', 'executive-actions']);
    expect(story?.lockedParts[0]?.html).toContain(LOCKED_WORDS.insight);
  });

  it('says which file is missing or does not compile', () => {
    expect(() => withLockedParts([{ path: '/business/gone/', slug: 'gone' }], contentDir)).toThrow(/no .*articles\/gone\.mdx: the page checks need the story's source/);
    expect(() => withLockedParts([{ path: '/business/broken/', slug: 'broken' }], contentDir)).toThrow(/broken\.mdx does not compile: \d+:/);
  });
});
