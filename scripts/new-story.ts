// `npm run new:story`: creates content/articles/<slug>.mdx as a draft, with complete
// frontmatter and both locked parts to fill in. Asks for what the flags do not give.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { planNewStory, type NewStoryAnswers } from '../src/lib/new-story/new-story-plan.ts';
import { readContentRoot } from '../src/server/content-checks/read-content-root.ts';

const USAGE = `Usage: npm run new:story [-- --title "…" --section <id> --author <id> [--author <id>] [--slug <slug>] [--publish-at <ISO date>] [--dir <content root>]]

Creates <content root>/articles/<slug>.mdx as a draft with every field and both locked parts
to fill in. Without flags it asks. The slug comes from the headline unless --slug is given.
The content root is --dir, else MASTHEAD_CONTENT_DIR, else ./content.`;

const FLAGS = {
  title: { type: 'string' },
  section: { type: 'string' },
  author: { type: 'string', multiple: true },
  slug: { type: 'string' },
  'publish-at': { type: 'string' },
  dir: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function fail(message: string, code = 1): never {
  console.error(message);
  process.exit(code);
}

let flags: ReturnType<typeof parseArgs<{ options: typeof FLAGS }>>['values'];
try {
  flags = parseArgs({ options: FLAGS }).values;
} catch (error) {
  fail(`${(error as Error).message}\n\n${USAGE}`, 2);
}
if (flags.help) {
  console.log(USAGE);
  process.exit(0);
}

const contentRoot = path.resolve(flags.dir ?? (process.env['MASTHEAD_CONTENT_DIR'] || './content'));
let index: ReturnType<typeof readContentRoot>;
try {
  index = readContentRoot({ contentRoot, projectRoot: path.resolve(import.meta.dirname, '..'), displayFrom: process.cwd(), siteUrl: '', now: new Date() });
} catch (error) {
  fail(`Nothing was written: ${(error as Error).message}`);
}

const answers = await completeAnswers({
  title: flags.title,
  section: flags.section,
  // --author a --author b, or --author a,b
  authors: flags.author?.flatMap((a) => a.split(',')).map((a) => a.trim()).filter((a) => a !== ''),
});
const plan = planNewStory(
  { ...answers, slug: flags.slug, publishAt: flags['publish-at'] },
  { sectionIds: index.sectionIds, authorIds: index.authorIds, storyIds: index.articles.map((a) => a.id) },
  new Date(),
);
if (!plan.ok) fail(`Nothing was written:\n${plan.errors.map((e) => `  - ${e}`).join('\n')}`);

const file = path.join(contentRoot, 'articles', plan.fileName);
try {
  // 'wx' refuses to overwrite, even if the file appeared since the slugs were read.
  writeFileSync(file, plan.text, { flag: 'wx' });
} catch (error) {
  fail(`Nothing was written: ${(error as NodeJS.ErrnoException).code === 'EEXIST' ? `${file} already exists` : (error as Error).message}`);
}

const siteUrl = (process.env['SITE_URL'] ?? 'http://localhost:4321').replace(/\/$/, '');
console.log(`Created ${path.relative(process.cwd(), file)} (a draft).

Preview: ${siteUrl}/${answers.section}/${plan.slug}/
  Open it signed in as an editor or admin: drafts are shown only to them, with a banner;
  everyone else gets a 404. The running site takes each save of the file in by itself
  (npm start on the embedded database watches the content folder); on PostgreSQL run
  npm run content:sync after saving.

Next steps:
  1. Replace every "FILL IN: …" placeholder: the dek, the summary, the body, the
     Key Insights and the Executive Actions; add tags.
  2. npm run check:content   (file:line for anything to fix)
  3. To publish: set draft: false and publishedAt (a future time schedules it) and save;
     no build or restart is needed. See docs/editing.md.`);

/** Fills in what the flags left out, asking in a terminal; without one it says which flags are missing. */
async function completeAnswers(given: { title?: string | undefined; section?: string | undefined; authors?: string[] | undefined }): Promise<Pick<NewStoryAnswers, 'title' | 'section' | 'authors'>> {
  const missing = [given.title === undefined && '--title', given.section === undefined && '--section', given.authors === undefined && '--author'].filter(Boolean);
  if (missing.length === 0) return { title: given.title ?? '', section: given.section ?? '', authors: given.authors ?? [] };
  if (!process.stdin.isTTY) fail(`Nothing was written: give ${missing.join(', ')} (no terminal to ask in).\n\n${USAGE}`, 2);
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    const title = given.title ?? (await rl.question('Headline: ')).trim();
    const section = given.section ?? pick(await rl.question(`Section (${numbered(index.sectionIds)}): `), index.sectionIds)[0] ?? '';
    const authors = given.authors ?? pick(await rl.question(`Author(s), comma-separated (${numbered(index.authorIds)}): `), index.authorIds);
    return { title, section, authors };
  } finally {
    rl.close();
  }
}

function numbered(ids: readonly string[]): string {
  return ids.map((id, i) => `${i + 1} ${id}`).join(', ');
}

/** Answers by number or by id; unknown words are kept so the plan names them. */
function pick(answer: string, ids: readonly string[]): string[] {
  return answer
    .split(',')
    .map((word) => word.trim())
    .filter((word) => word !== '')
    .map((word) => (/^\d+$/.test(word) ? (ids[Number(word) - 1] ?? word) : word));
}
