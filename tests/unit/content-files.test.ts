// Which files of a content folder are content (src/server/content/content-files.ts): articles
// at any depth, sections and authors, never hidden or underscored files, paths relative to the
// folder with forward slashes, sorted.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { articleFileBatches, listContentFiles } from '../../src/server/content/content-files.ts';

const root = mkdtempSync(path.join(tmpdir(), 'masthead-content-files-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function write(relative: string): void {
  const file = path.join(root, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, 'x');
}

describe('listContentFiles', () => {
  it('lists the content files of each kind, relative and sorted', async () => {
    for (const f of [
      'articles/zeta.mdx',
      'articles/2026/03/beta.mdx',
      'articles/alpha.mdx',
      'articles/_draft-notes.mdx',
      'articles/.alpha.mdx.swp',
      'articles/.git/hidden.mdx',
      'articles/notes.md',
      'sections/business.yaml',
      'sections/_template.yaml',
      'authors/mei-lin-zhao.yaml',
      'stray.mdx',
    ]) write(f);
    expect(await listContentFiles(root)).toEqual({
      sections: ['sections/business.yaml'],
      authors: ['authors/mei-lin-zhao.yaml'],
      articles: ['articles/2026/03/beta.mdx', 'articles/alpha.mdx', 'articles/zeta.mdx'],
    });
  });

  it('answers empty lists for a folder without them', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'masthead-content-empty-'));
    try {
      expect(await listContentFiles(empty)).toEqual({ sections: [], authors: [], articles: [] });
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('articleFileBatches', () => {
  it('gives the article files listContentFiles lists, a few at a time: the files of a folder, then its subfolders in name order', async () => {
    const batches: string[][] = [];
    for await (const batch of articleFileBatches(root, 2)) batches.push(batch);
    expect(batches.map((b) => b.length)).toEqual([2, 1]);
    const walked = batches.flat();
    expect(walked.toSorted()).toEqual((await listContentFiles(root)).articles);
    expect(walked.at(-1)).toBe('articles/2026/03/beta.mdx');
  });

  it('gives nothing for a folder without articles/', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'masthead-content-empty-'));
    try {
      const batches: string[][] = [];
      for await (const batch of articleFileBatches(empty, 10)) batches.push(batch);
      expect(batches).toEqual([]);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
