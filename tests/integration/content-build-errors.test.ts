// An editor's mistake in frontmatter stops the build and says where and what: the file,
// the field, and what was expected.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { isolatedBuildArgs } from '../../src/build/isolated-build.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
let work: string;
let output = '';
let status: number | null = null;

const BROKEN = `---
title: "A story whose frontmatter is wrong in five ways"
summary: "The dek is missing and the ids are unknown."
section: busyness
authors: [nobody-here]
tags: [Bad Tag]
publishedAt: yesterday
---

Body text.
`;

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'masthead-content-'));
  const content = path.join(work, 'content');
  mkdirSync(path.join(content, 'articles'), { recursive: true });
  cpSync(path.join(ROOT, 'content/authors'), path.join(content, 'authors'), { recursive: true });
  cpSync(path.join(ROOT, 'content/sections'), path.join(content, 'sections'), { recursive: true });
  writeFileSync(path.join(content, 'articles/broken-story.mdx'), BROKEN);
  const build = spawnSync(process.execPath, isolatedBuildArgs(path.join(work, 'build')), {
    cwd: ROOT,
    env: { ...process.env, MASTHEAD_CONTENT_DIR: content, MASTHEAD_OUT_DIR: path.join(work, 'dist'), NO_COLOR: '1' },
    encoding: 'utf8',
    timeout: 120_000,
  });
  status = build.status;
  output = `${build.stdout}\n${build.stderr}`;
}, 130_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('a bad frontmatter', () => {
  it('fails the build', () => {
    expect(status).not.toBe(0);
  });

  it('names the file', () => {
    expect(output).toContain('broken-story.mdx');
  });

  it.each([
    ['dek', 'a dek (one-sentence standfirst) is required'],
    ['section', 'unknown section "busyness"; expected one of: autos, business, markets, media, technology'],
    ['authors.0', 'unknown author "nobody-here"; expected one of:'],
    ['tags.0', 'tags are lowercase words joined by hyphens'],
    ['publishedAt', 'publishedAt must be a date, e.g. 2026-07-02T06:45:00Z'],
  ])('says what was expected of %s', (field, message) => {
    expect(output).toContain(`${field}: ${message}`);
  });
});
