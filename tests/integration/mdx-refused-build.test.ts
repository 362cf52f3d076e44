// A story that imports its own KeyInsights would replace the page's mapping of the locked
// part (a hidden teaser for readers without access) and show it to everyone. The build must
// refuse it with file:line, so nothing holding the locked text is ever built, and
// check:content must name the same line first.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isolatedBuildArgs } from '../../src/build/isolated-build.mjs';
import { ESM_MESSAGE } from '../../src/lib/content/mdx-constructs.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CANARY = 'Only members may read that the harbour canary sings at dawn.';
const IMPORT_LINE = 12;

const STORY = `---
title: "Harbour Bank lifts its dividend"
dek: "The bank returns more cash to shareholders after a record year."
summary: "Harbour Bank raised its dividend. The locked part says what it means."
section: business
authors: [mei-lin-zhao]
tags: [banks]
publishedAt: 2026-03-02T07:00:00Z
draft: false
---

import KeyInsights from '../../src/components/mdx/KeyInsights.astro'

Harbour Bank raised its dividend by a fifth after a record year.

<KeyInsights>

- ${CANARY}

</KeyInsights>

<ExecutiveActions>

1. Compare your payout with your closest peers.

</ExecutiveActions>
`;

let work: string;
let content: string;
let dist: string;
let build: { status: number | null; output: string };

beforeAll(() => {
  // The content root sits directly in the project, as content/ does, so the story's import
  // resolves to the real component: without the check, the build would succeed and leak.
  work = mkdtempSync(path.join(ROOT, '.test-build-mdx-'));
  content = work;
  dist = path.join(work, 'dist');
  mkdirSync(path.join(content, 'articles'), { recursive: true });
  cpSync(path.join(ROOT, 'content/authors'), path.join(content, 'authors'), { recursive: true });
  cpSync(path.join(ROOT, 'content/sections'), path.join(content, 'sections'), { recursive: true });
  writeFileSync(path.join(content, 'articles/imports-key-insights.mdx'), STORY);
  const run = spawnSync(process.execPath, isolatedBuildArgs(path.join(work, 'build')), {
    cwd: ROOT,
    env: { ...process.env, MASTHEAD_CONTENT_DIR: content, MASTHEAD_OUT_DIR: dist, NO_COLOR: '1' },
    encoding: 'utf8',
    timeout: 150_000,
  });
  build = { status: run.status, output: `${run.stdout}\n${run.stderr}` };
}, 160_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Every file under a folder (none if it does not exist). */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

describe('a story that imports its locked part', () => {
  it('stops the build, naming the file, the line and the fix', () => {
    expect(build.status).not.toBe(0);
    expect(build.output).toContain(`imports-key-insights.mdx:${IMPORT_LINE}: ${ESM_MESSAGE}`);
  });

  it('leaves no built file holding the locked text', () => {
    const leaking = filesUnder(dist).filter((file) => readFileSync(file, 'utf8').includes('harbour canary'));
    expect(leaking).toEqual([]);
  });

  it('is reported by check:content at the same line', () => {
    const run = spawnSync(process.execPath, [path.join(ROOT, 'scripts/check-content.ts'), '--dir', content], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(`imports-key-insights.mdx:${IMPORT_LINE}: ${ESM_MESSAGE}`);
  });
});
