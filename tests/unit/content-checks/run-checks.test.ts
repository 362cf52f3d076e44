import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatReport } from '../../../src/lib/content-checks/format-report.ts';
import { runChecks } from '../../../src/lib/content-checks/run-checks.ts';
import { FIXTURES, fixtureIndex } from './fixture-index.ts';

describe('runChecks', () => {
  it('passes the clean fixture', () => {
    expect(runChecks(fixtureIndex('clean'))).toEqual([]);
  });

  it.each(readdirSync(FIXTURES).filter((name) => name !== 'clean'))('finds errors in the broken fixture %s', (name) => {
    expect(runChecks(fixtureIndex(name)).filter((p) => p.severity === 'error').length).toBeGreaterThan(0);
  });
});

describe('formatReport', () => {
  it('groups problems by file as file:line: message and ends with a summary', () => {
    const report = formatReport(
      [
        { file: 'a.mdx', line: 2, message: 'one', severity: 'error' },
        { file: 'a.mdx', line: 9, message: 'two', severity: 'warning' },
        { file: 'b.mdx', line: 1, message: 'three', severity: 'error' },
      ],
      5,
    );
    expect(report).toBe('a.mdx:2: one\na.mdx:9: warning: two\n\nb.mdx:1: three\n\ncheck:content: 2 errors and 1 warning in 2 files (5 stories checked).');
  });

  it('says so when there is nothing to fix', () => {
    expect(formatReport([], 1)).toBe('check:content: 1 story checked, no problems.');
  });
});
