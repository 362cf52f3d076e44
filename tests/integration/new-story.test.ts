// `npm run new:story` with flags, into a temporary content root: the file it writes passes
// check:content as a draft; a second story with the same slug, and an unknown section, are
// refused without writing anything.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
let content: string;

function run(script: string, args: string[]) {
  const child = spawnSync(process.execPath, [path.join(ROOT, 'scripts', script), ...args], {
    cwd: ROOT,
    // No terminal: the script must not wait for answers.
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, SITE_URL: 'https://news.example.com' },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: child.status, stdout: child.stdout, stderr: child.stderr };
}

const newStory = (...args: string[]) => run('new-story.ts', ['--dir', content, ...args]);
const articles = () => readdirSync(path.join(content, 'articles')).sort();

beforeAll(() => {
  content = mkdtempSync(path.join(tmpdir(), 'masthead-new-story-'));
  mkdirSync(path.join(content, 'articles'));
  cpSync(path.join(ROOT, 'content/sections'), path.join(content, 'sections'), { recursive: true });
  cpSync(path.join(ROOT, 'content/authors'), path.join(content, 'authors'), { recursive: true });
});

afterAll(() => rmSync(content, { recursive: true, force: true }));

describe('new:story', () => {
  it('creates a draft with complete frontmatter and both locked parts, and says where to preview it', () => {
    const created = newStory('--title', 'Harbour bank lifts its dividend by a fifth', '--section', 'business', '--author', 'mei-lin-zhao', '--publish-at', '2026-12-01T07:00:00Z');
    expect(created.stderr).toBe('');
    expect(created.status).toBe(0);
    expect(created.stdout).toContain('harbour-bank-lifts-its-dividend-by-a-fifth.mdx');
    expect(created.stdout).toContain('Preview: https://news.example.com/business/harbour-bank-lifts-its-dividend-by-a-fifth/');
    // Stories live in the database now: publishing is a save, not a build and a restart.
    expect(created.stdout).toContain('no build or restart is needed');
    expect(created.stdout).not.toContain('npm run build');
    const text = readFileSync(path.join(content, 'articles/harbour-bank-lifts-its-dividend-by-a-fifth.mdx'), 'utf8');
    for (const field of ['title: "Harbour bank lifts its dividend by a fifth"', 'dek: ', 'summary: ', 'section: business', 'authors: [mei-lin-zhao]', 'tags: []', 'publishedAt: 2026-12-01T07:00:00Z', 'draft: true']) {
      expect(text).toContain(field);
    }
    expect(text).toMatch(/<KeyInsights>[\s\S]+- FILL IN[\s\S]+<\/KeyInsights>/);
    expect(text).toMatch(/<ExecutiveActions>[\s\S]+1\. FILL IN[\s\S]+<\/ExecutiveActions>/);
  });

  it('writes a file check:content accepts as a draft', () => {
    const check = run('check-content.ts', ['--dir', content]);
    expect(check.stdout).toBe('check:content: 1 story checked, no problems.\n');
    expect(check.status).toBe(0);
  });

  it('refuses a story whose slug exists, writing nothing', () => {
    const before = readFileSync(path.join(content, 'articles/harbour-bank-lifts-its-dividend-by-a-fifth.mdx'), 'utf8');
    const again = newStory('--title', 'Harbour Bank lifts its dividend by a fifth', '--section', 'markets', '--author', 'jonas-berg');
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('a story with the slug "harbour-bank-lifts-its-dividend-by-a-fifth" already exists');
    expect(articles()).toEqual(['harbour-bank-lifts-its-dividend-by-a-fifth.mdx']);
    expect(readFileSync(path.join(content, 'articles/harbour-bank-lifts-its-dividend-by-a-fifth.mdx'), 'utf8')).toBe(before);
  });

  it('refuses an unknown section, naming the ones that exist, writing nothing', () => {
    const refused = newStory('--title', 'Port volumes rise', '--section', 'busines', '--author', 'mei-lin-zhao');
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('unknown section "busines": use one of autos, business, markets, media, technology. Did you mean "business"?');
    expect(articles()).toEqual(['harbour-bank-lifts-its-dividend-by-a-fifth.mdx']);
  });

  it('says which flags are missing when there is no terminal to ask in', () => {
    const refused = newStory('--title', 'Port volumes rise');
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('give --section, --author');
    expect(articles()).toEqual(['harbour-bank-lifts-its-dividend-by-a-fifth.mdx']);
  });
});
