// The report an editor reads: problems grouped by file as `<file>:<line>: <message>`, then
// one summary line.
import type { Problem } from './problem.ts';

export function formatReport(problems: readonly Problem[], storiesChecked: number): string {
  const byFile = new Map<string, Problem[]>();
  for (const problem of problems) byFile.set(problem.file, [...(byFile.get(problem.file) ?? []), problem]);
  const groups = [...byFile.values()].map((group) =>
    group.map((p) => `${p.file}:${p.line}: ${p.severity === 'warning' ? 'warning: ' : ''}${p.message}`).join('\n'),
  );
  return [...groups, summaryLine(problems, storiesChecked, byFile.size)].join('\n\n');
}

export function summaryLine(problems: readonly Problem[], storiesChecked: number, files: number): string {
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  const stories = `${storiesChecked} ${storiesChecked === 1 ? 'story' : 'stories'}`;
  if (problems.length === 0) return `check:content: ${stories} checked, no problems.`;
  const counts = [plural(errors, 'error'), ...(warnings > 0 ? [plural(warnings, 'warning')] : [])].join(' and ');
  return `check:content: ${counts} in ${plural(files, 'file')} (${stories} checked).`;
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
