// `npm run check:content [-- --dir <content root>]`: checks every story for what an editor can
// fix (unknown sections and authors, duplicate slugs, missing locked parts, images without alt
// text, over-long fields, broken internal links, leftover placeholders, MDX the build refuses)
// and prints each as <file>:<line>: <message>. Exits 1 when there is an error.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { compileProblems } from '../src/lib/content-checks/check-compiles.ts';
import { formatReport } from '../src/lib/content-checks/format-report.ts';
import { readContentRoot } from '../src/server/content-checks/read-content-root.ts';
import { runChecks } from '../src/lib/content-checks/run-checks.ts';

const USAGE = `Usage: npm run check:content [-- --dir <content root>]

Checks the stories in <content root>/articles against its sections/ and authors/.
The content root is --dir, else MASTHEAD_CONTENT_DIR, else ./content.
Exits 1 if any error is found, 0 otherwise.`;

let options: { dir?: string | undefined; help?: boolean | undefined };
try {
  ({ values: options } = parseArgs({ options: { dir: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }));
} catch (error) {
  console.error(`${(error as Error).message}\n\n${USAGE}`);
  process.exit(2);
}
if (options.help) {
  console.log(USAGE);
  process.exit(0);
}

const contentRoot = path.resolve(options.dir ?? (process.env['MASTHEAD_CONTENT_DIR'] || './content'));
try {
  const index = readContentRoot({
    contentRoot,
    projectRoot: path.resolve(import.meta.dirname, '..'),
    displayFrom: process.cwd(),
    siteUrl: process.env['SITE_URL'] ?? 'http://localhost:4321',
    now: new Date(),
  });
  const checked = runChecks(index);
  // The compiler's own refusals too, so a file passes here exactly when it compiles.
  const problems = [...checked, ...compileProblems(index, checked)].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  console.log(formatReport(problems, index.articles.length));
  process.exit(problems.some((p) => p.severity === 'error') ? 1 : 0);
} catch (error) {
  console.error(`check:content could not run: ${(error as Error).message}`);
  process.exit(2);
}
