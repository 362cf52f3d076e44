// Loads a fixture content root from tests/fixtures/content-checks/<name> against the real
// src/pages, with a fixed clock and site URL, and runs one check over it.
import path from 'node:path';
import type { Article, ContentIndex } from '../../../src/lib/content-checks/content-index.ts';
import type { Problem } from '../../../src/lib/content-checks/problem.ts';
import { readContentRoot } from '../../../src/server/content-checks/read-content-root.ts';

const REPO = path.resolve(import.meta.dirname, '../../..');
export const FIXTURES = path.join(REPO, 'tests/fixtures/content-checks');
export const NOW = new Date('2026-11-24T12:00:00Z');

/** Paths in problems are relative to the fixture root, e.g. "articles/links.mdx". */
export function fixtureIndex(name: string, now = NOW): ContentIndex {
  const root = path.join(FIXTURES, name);
  return readContentRoot({ contentRoot: root, projectRoot: REPO, displayFrom: root, siteUrl: 'https://news.example.com', now });
}

/** Problems of one per-article check over every article of a fixture, as file/line/message. */
export function problemsOf(name: string, check: (article: Article, index: ContentIndex) => Problem[], now = NOW) {
  const index = fixtureIndex(name, now);
  return index.articles
    .flatMap((article) => check(article, index))
    .map(({ file, line, message }) => ({ file, line, message }))
    .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}
