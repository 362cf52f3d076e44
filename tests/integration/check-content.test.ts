// `npm run check:content` as editors and `npm test` run it: file:line output and exit 1 on a
// broken content root, exit 0 on the repository's own content/.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SCRIPT = path.join(ROOT, 'scripts/check-content.ts');

function checkContent(args: string[], env: Record<string, string> = {}) {
  // The default content root unless a test names one.
  const { MASTHEAD_CONTENT_DIR: _ignored, ...inherited } = process.env;
  const run = spawnSync(process.execPath, [SCRIPT, ...args], { cwd: ROOT, env: { ...inherited, ...env }, encoding: 'utf8', timeout: 30_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('check:content', () => {
  it('exits 1 on a broken content root, printing each problem as file:line: message and a summary', () => {
    const run = checkContent(['--dir', 'tests/fixtures/content-checks/unknown-references']);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(
      'tests/fixtures/content-checks/unknown-references/articles/wrong-ids.mdx:5: unknown section "busines": it must be a file name from content/sections, one of: business, markets. Did you mean "business"?',
    );
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe('check:content: 4 errors in 2 files (2 stories checked).');
  });

  it('takes the content root from MASTHEAD_CONTENT_DIR when --dir is not given', () => {
    const run = checkContent([], { MASTHEAD_CONTENT_DIR: 'tests/fixtures/content-checks/locked-parts' });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('tests/fixtures/content-checks/locked-parts/articles/unclosed.mdx:20: <ExecutiveActions> is never closed');
  });

  it('exits 0 on the repository’s own content/', () => {
    const run = checkContent([]);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^check:content: \d+ stories checked, no problems\.\n$/);
    expect(run.status).toBe(0);
  });

  it('says what is wrong when the folder is not a content root, and exits 2', () => {
    const run = checkContent(['--dir', 'tests/fixtures/no-such-folder']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('no articles folder at');
  });
});
