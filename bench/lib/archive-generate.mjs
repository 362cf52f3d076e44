// Writes a made-up archive as a content folder (what MASTHEAD_CONTENT_DIR and
// `npm run content:sync` read): sections/ copied from content/ (5), authors/ (50 made up),
// articles/ (COUNT stories of 600 to 900 words with both locked parts, over 500 tags).
// Deterministic for a seed: the same archive on every run. Used by bench/archive.mjs; run it
// alone to look at the stories:
//
//   node bench/lib/archive-generate.mjs --count 1000 --out /tmp/archive-1000
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { seededRandom, wordCount } from './archive-random.mjs';
import { actionLine, authorFor, castFor, dekLine, headline, heading, insightLine, sentence } from './archive-prose.mjs';
import { storyMdx, yamlString } from './story-mdx.mjs';

const ROOT = path.resolve(import.meta.dirname, '../..');
export const AUTHOR_COUNT = 50;
export const TAG_COUNT = 500;
/** At most this many story paths are kept in memory for the load to draw from. */
const SAMPLE_PATHS = 4000;

const TAG_TOPICS = ['batteries', 'chips', 'cloud', 'streaming', 'tariffs', 'freight', 'bonds', 'ipos', 'buybacks', 'dividends', 'layoffs', 'mergers', 'private-equity', 'pricing', 'supply-chain', 'energy', 'labor', 'retail', 'advertising', 'sports-rights', 'games', 'software', 'cybersecurity', 'data-centers', 'ai', 'charging', 'steel', 'aluminium', 'shipping', 'insurance', 'banking', 'payments', 'real-estate', 'pharma', 'food', 'aviation', 'rail', 'telecoms', 'mining', 'chemicals', 'luxury', 'housing', 'currencies', 'inflation', 'interest-rates', 'regulation', 'antitrust', 'trade', 'subsidies', 'earnings'];
const TAG_QUALIFIERS = ['', 'europe', 'asia', 'americas', 'africa', 'policy', 'outlook', 'deals', 'startups', 'investors'];

/** 500 tag ids: 50 topics, each alone and with 9 qualifiers. */
export const ARCHIVE_TAGS = TAG_TOPICS.flatMap((topic) => TAG_QUALIFIERS.map((q) => (q ? `${topic}-${q}` : topic)));

const slugify = (s) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
const idOf = (name) => slugify(name);

function sectionsOf(from) {
  return readdirSync(path.join(from, 'sections'))
    .filter((f) => f.endsWith('.yaml') && !f.startsWith('_'))
    .map((f) => {
      const id = f.slice(0, -'.yaml'.length);
      const name = /^name:\s*(.+)$/m.exec(readFileSync(path.join(from, 'sections', f), 'utf8'))?.[1]?.trim() ?? id;
      return { id, name };
    })
    .sort((a, b) => a.id.localeCompare(b.id));
}

/** One story's MDX and the words it holds (free and locked). */
export function storyFile(rnd, { index, section, authors, tags, publishedAt }) {
  const c = castFor(rnd, section);
  const title = headline(rnd, c).slice(0, 140);
  const dek = dekLine(rnd, c).slice(0, 220);
  const summary = `${sentence(rnd, c)} ${sentence(rnd, c)}`.slice(0, 480);
  const byline = rnd.sample(authors, rnd.next() < 0.12 ? 2 : 1);
  const storyTags = [...new Set(Array.from({ length: rnd.int(2, 5) }, () => tags[rnd.skewed(tags.length)]))];
  const updated = rnd.next() < 0.25 ? new Date(publishedAt.getTime() + rnd.int(1, 30) * 3600_000) : undefined;

  const target = rnd.int(380, 620); // free words; the locked parts add about 260
  const body = [];
  let words = 0;
  const headings = [heading(rnd), heading(rnd)];
  while (words < target) {
    if (body.length === 3 || body.length === 7) body.push(`## ${headings.shift() ?? heading(rnd)}`);
    const sentences = [];
    for (let n = rnd.int(3, 6); n > 0 && words < target; n--) {
      const s = sentence(rnd, c);
      sentences.push(s);
      words += wordCount(s);
    }
    body.push(sentences.join(' '));
    if (body.length === 5 && rnd.next() < 0.4) {
      const quote = sentence(rnd, c).replace(/"/g, '');
      body.push(`<PullQuote cite="${c.person}, ${c.personTitle}">${quote}</PullQuote>`);
      words += wordCount(quote);
    }
  }
  const insights = Array.from({ length: rnd.int(3, 5) }, () => insightLine(rnd, c));
  const actions = Array.from({ length: rnd.int(3, 4) }, (_, i) => actionLine(rnd, c, i + 1));
  const lockedWords = wordCount(insights.join(' ')) + wordCount(actions.join(' '));

  const slug = `${slugify(title).slice(0, 64).replace(/-$/, '')}-${index + 1}`;
  const mdx = storyMdx({ title, dek, summary, section, authors: byline, tags: storyTags, publishedAt, updatedAt: updated }, body, insights, actions);
  return { slug, mdx, words: words + lockedWords, title, tags: storyTags };
}

/**
 * Writes OUT/sections, OUT/authors and OUT/articles (replacing any there). Returns counts, the
 * average length, and up to 4,000 story paths spread over the whole archive, newest first.
 */
export function writeArchive({ count, out, seed = 1, from = path.join(ROOT, 'content'), now = new Date() }) {
  const sections = sectionsOf(from);
  if (sections.length === 0) throw new Error(`${from}/sections holds no section`);
  for (const dir of ['sections', 'authors', 'articles']) rmSync(path.join(out, dir), { recursive: true, force: true });
  cpSync(path.join(from, 'sections'), path.join(out, 'sections'), { recursive: true });
  mkdirSync(path.join(out, 'authors'), { recursive: true });
  mkdirSync(path.join(out, 'articles'), { recursive: true });

  const rnd = seededRandom(seed);
  const authors = [];
  for (let i = 0; i < AUTHOR_COUNT; i++) {
    const a = authorFor(rnd, i, sections.map((s) => s.name));
    const id = idOf(a.name);
    authors.push(id);
    writeFileSync(path.join(out, 'authors', `${id}.yaml`), `name: ${yamlString(a.name)}\nrole: ${yamlString(a.role)}\nbio: ${yamlString(a.bio)}\n`);
  }

  const every = Math.max(1, Math.floor(count / SAMPLE_PATHS));
  const samples = [];
  const perSection = Object.fromEntries(sections.map((s) => [s.id, 0]));
  let t = now.getTime() - 3600_000;
  let totalWords = 0;
  for (let i = 0; i < count; i++) {
    t -= rnd.int(20, 100) * 60_000; // one story every 20 to 100 minutes, going back in time
    const section = rnd.pick(sections).id;
    const story = storyFile(rnd, { index: i, section, authors, tags: ARCHIVE_TAGS, publishedAt: new Date(Math.floor(t / 60_000) * 60_000) });
    writeFileSync(path.join(out, 'articles', `${story.slug}.mdx`), story.mdx);
    totalWords += story.words;
    perSection[section] += 1;
    if (i % every === 0 && samples.length < SAMPLE_PATHS) samples.push({ path: `/${section}/${story.slug}/`, title: story.title, tags: story.tags });
  }
  return { count, out, sections: sections.map((s) => s.id), perSection, authors, tags: ARCHIVE_TAGS, averageWords: count ? Math.round(totalWords / count) : 0, oldest: new Date(t), samples };
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const { values } = parseArgs({ options: { count: { type: 'string', default: '1000' }, out: { type: 'string' }, seed: { type: 'string', default: '1' } } });
  const count = Number(values.count);
  if (!values.out || !Number.isInteger(count) || count < 1) {
    console.error('usage: node bench/lib/archive-generate.mjs --count 1000 --out DIR [--seed 1]');
    process.exit(2);
  }
  const started = performance.now();
  const r = writeArchive({ count, out: path.resolve(values.out), seed: Number(values.seed) });
  const perSection = Object.entries(r.perSection).map(([id, n]) => `${id} ${n}`).join(', ');
  console.log(`Wrote ${r.count} stories (about ${r.averageWords} words each; ${perSection}), ${r.authors.length} authors, ${r.tags.length} tags, oldest ${r.oldest.toISOString().slice(0, 10)}, to ${r.out} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
