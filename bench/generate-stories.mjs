#!/usr/bin/env node
// Generates a content folder of made-up stories for build benchmarks: authors/ and sections/
// are copied from content/, and articles/ gets COUNT MDX stories of about 600 words of varied
// filler prose, each with a <KeyInsights> and an <ExecutiveActions> part, spread over the
// sections and authors, all published in the past. Deterministic for a given --seed.
//
//   node bench/generate-stories.mjs --count 5000 --out /tmp/masthead-stories
//   node bench/generate-stories.mjs --count 200 --out /tmp/x --from content --seed 7
//
// The output folder is what MASTHEAD_CONTENT_DIR expects. An existing articles/ folder in it
// is replaced.
import { cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';

import { capitalize, seededRandom, wordCount as words } from './lib/archive-random.mjs';
import { storyMdx } from './lib/story-mdx.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');

// --- word banks --------------------------------------------------------------------------

const PREFIXES = ['North', 'Ash', 'Bright', 'Cold', 'Deer', 'Elm', 'Fair', 'Glen', 'Harbor', 'Iron', 'Juniper', 'Kestrel', 'Lark', 'Marsh', 'Nettle', 'Oak', 'Pike', 'Quarry', 'Raven', 'Stone', 'Tide', 'Umber', 'Vale', 'West', 'Yarrow', 'Zephyr', 'Copper', 'Silver', 'Granite', 'Maple'];
const SUFFIXES = ['field', 'gate', 'line', 'mere', 'wick', 'ford', 'holm', 'ridge', 'well', 'stead', 'brook', 'haven', 'crest', 'mark', 'port', 'wood', 'ley', 'shaw', 'moor', 'vale'];
const KINDS = ['Group', 'Holdings', 'Systems', 'Motors', 'Media', 'Capital', 'Labs', 'Industries', 'Networks', 'Foods', 'Energy', 'Logistics', 'Payments', 'Studios', 'Semiconductor'];
const PLACES = ['Rotterdam', 'Ohio', 'Lyon', 'Osaka', 'Monterrey', 'Gdansk', 'Queensland', 'Bavaria', 'Gujarat', 'Ontario', 'Catalonia', 'Jakarta', 'Nairobi', 'Sao Paulo', 'Busan', 'Texas', 'Lombardy', 'Wales'];
const QUARTERS = ['first quarter', 'second quarter', 'third quarter', 'fourth quarter', 'first half', 'second half', 'fiscal year'];
const METRICS = ['revenue', 'operating margin', 'free cash flow', 'order backlog', 'subscriber count', 'unit volume', 'gross margin', 'average selling price', 'capital spending', 'net debt'];
const MOVES = ['rose', 'fell', 'climbed', 'slipped', 'jumped', 'eased', 'surged', 'dropped', 'recovered', 'stalled'];
const ACTIONS = ['expand capacity', 'cut costs', 'renegotiate supplier contracts', 'raise prices', 'enter new markets', 'consolidate plants', 'buy back shares', 'invest in automation', 'sell a non-core unit', 'refinance debt', 'hire engineers', 'slow hiring'];
const PEOPLE = ['analysts', 'investors', 'suppliers', 'regulators', 'dealers', 'customers', 'rivals', 'lenders', 'unions', 'board members', 'procurement teams', 'credit agencies'];
const FEELINGS = ['cautious', 'encouraged', 'skeptical', 'divided', 'relieved', 'uneasy', 'patient', 'impatient', 'watchful', 'unconvinced'];
const THINGS = ['pricing', 'demand', 'inventory', 'margins', 'guidance', 'the balance sheet', 'the product roadmap', 'market share', 'the cost base', 'working capital', 'the dividend', 'supply contracts'];
const ADVERBS = ['sharply', 'modestly', 'steadily', 'unexpectedly', 'quietly', 'gradually', 'abruptly', 'narrowly'];
const CONNECTORS = ['Meanwhile', 'Even so', 'For now', 'In practice', 'At the same time', 'By contrast', 'Still', 'Beyond that', 'In the near term', 'Over the longer run'];
const HEADINGS = ['What changed', 'Why it matters', 'The numbers behind the move', 'A crowded field', 'Pressure from both sides', 'What investors are pricing in', 'The cost question', 'Where the risks sit', 'A test of discipline', 'The view from suppliers', 'Regulators in the background', 'What comes next'];
const HEADLINE_VERBS = ['raises outlook as', 'cuts guidance after', 'bets on expansion while', 'weighs sale as', 'posts record quarter as', 'delays launch as', 'signs supply deal as', 'faces pressure as', 'reorganizes units as', 'takes a charge as'];
const HEADLINE_TAILS = ['demand cools', 'costs climb', 'rivals cut prices', 'orders pick up', 'rates stay high', 'margins narrow', 'competition sharpens', 'customers hesitate', 'exports recover', 'inventories swell'];

const SECTION_TAGS = {
  business: ['earnings', 'deals', 'strategy', 'supply-chain', 'retail', 'logistics', 'pricing', 'layoffs'],
  technology: ['semiconductors', 'software', 'cloud', 'ai', 'data-centers', 'cybersecurity', 'enterprise', 'chips'],
  markets: ['ipo', 'equities', 'bonds', 'private-equity', 'valuation', 'listings', 'capital-flows', 'currencies'],
  media: ['streaming', 'advertising', 'games', 'publishing', 'podcasts', 'sports-rights', 'subscriptions', 'studios'],
  autos: ['electric-vehicles', 'batteries', 'autonomous-driving', 'dealers', 'tariffs', 'manufacturing', 'china', 'charging'],
};
const GENERIC_TAGS = ['europe', 'asia', 'north-america', 'regulation', 'labor', 'energy', 'interest-rates', 'consumers'];

// --- prose -------------------------------------------------------------------------------

function companyName(rnd) {
  return `${rnd.pick(PREFIXES)}${rnd.pick(SUFFIXES)} ${rnd.pick(KINDS)}`;
}

function sentence(rnd, company, other) {
  const templates = [
    () => `${company} said its ${rnd.pick(METRICS)} ${rnd.pick(MOVES)} ${rnd.int(2, 48)} percent in the ${rnd.pick(QUARTERS)}, a result that left ${rnd.pick(PEOPLE)} ${rnd.pick(FEELINGS)} about ${rnd.pick(THINGS)}.`,
    () => `Executives told ${rnd.pick(PEOPLE)} the company would ${rnd.sample(ACTIONS, 2).join(' and ')} before the end of the ${rnd.pick(QUARTERS)}.`,
    () => `${rnd.pick(CONNECTORS)}, ${other} has moved ${rnd.pick(ADVERBS)} to ${rnd.pick(ACTIONS)}, which narrows the room ${company} has on ${rnd.pick(THINGS)}.`,
    () => `The plant in ${rnd.pick(PLACES)} employs about ${rnd.int(3, 95) * 100} people and has been running ${rnd.pick(['below', 'near', 'above'])} capacity since the ${rnd.pick(QUARTERS)}.`,
    () => `${capitalize(rnd.pick(PEOPLE))} remain ${rnd.pick(FEELINGS)}, noting that ${rnd.pick(THINGS)} has shifted ${rnd.pick(ADVERBS)} while ${rnd.pick(THINGS)} has barely moved.`,
    () => `A deal worth roughly ${rnd.int(40, 950)} million dollars would give ${company} a foothold in ${rnd.pick(PLACES)} and a larger say over ${rnd.pick(THINGS)}.`,
    () => `${rnd.pick(CONNECTORS)}, the question for the board is whether it can ${rnd.pick(ACTIONS)} without weakening ${rnd.pick(THINGS)}.`,
    () => `People familiar with the plans said the company had considered an option to ${rnd.pick(ACTIONS)} but judged the timing poor.`,
    () => `${other} reported that its own ${rnd.pick(METRICS)} ${rnd.pick(MOVES)} over the same period, which suggests the pressure is shared across the industry.`,
    () => `That matters because ${rnd.pick(THINGS)} tends to lag ${rnd.pick(THINGS)} by a quarter or two, so the full effect may not show until the ${rnd.pick(QUARTERS)}.`,
    () => `Several ${rnd.pick(PEOPLE)} said they would watch ${rnd.pick(THINGS)} closely, and one described the outlook as ${rnd.pick(['fragile', 'improving', 'uneven', 'stable', 'hard to read'])}.`,
    () => `The shares ${rnd.pick(MOVES)} ${rnd.int(1, 14)} percent in early trading before settling, a sign that ${rnd.pick(PEOPLE)} had expected part of the news.`,
  ];
  return rnd.pick(templates)();
}

function paragraph(rnd, company, other) {
  const n = rnd.int(4, 6);
  return Array.from({ length: n }, () => sentence(rnd, company, other)).join(' ');
}

function insight(rnd, company) {
  return `- ${capitalize(rnd.pick(THINGS))} is the lever to watch: ${company} can ${rnd.pick(ACTIONS)} only if ${rnd.pick(PEOPLE)} stay ${rnd.pick(FEELINGS)} through the ${rnd.pick(QUARTERS)}.`;
}

function action(rnd, i) {
  return `${i}. ${capitalize(rnd.pick(ACTIONS))} where exposure to ${rnd.pick(THINGS)} is highest, and review the plan with ${rnd.pick(PEOPLE)} before the ${rnd.pick(QUARTERS)} closes.`;
}

/** One story: its slug and MDX source. */
export function makeStory({ index, rnd, sections, authors, publishedAt }) {
  const company = companyName(rnd);
  let other = companyName(rnd);
  if (other === company) other = `${rnd.pick(PREFIXES)} ${rnd.pick(KINDS)}`;
  const section = sections[index % sections.length];
  const title = `${company} ${rnd.pick(HEADLINE_VERBS)} ${rnd.pick(HEADLINE_TAILS)}`.slice(0, 139);
  const dek = `${company} moved to ${rnd.pick(ACTIONS)} as ${rnd.pick(PEOPLE)} grew ${rnd.pick(FEELINGS)} about ${rnd.pick(THINGS)}.`.slice(0, 219);
  const summary = [sentence(rnd, company, other), sentence(rnd, company, other)].join(' ').slice(0, 479);
  const pool = SECTION_TAGS[section] ?? GENERIC_TAGS;
  const tags = [...rnd.sample(pool, rnd.int(1, 3)), ...rnd.sample(GENERIC_TAGS, rnd.int(0, 2))];
  const byline = rnd.sample(authors, rnd.next() < 0.15 ? 2 : 1);
  const updated = rnd.next() < 0.3 ? new Date(publishedAt.getTime() + rnd.int(1, 8) * 3600_000) : undefined;

  // Free text: paragraphs of 4 to 6 sentences under a few headings, stopping at about 460
  // words; the locked parts below add roughly 140 more, for about 600 in all.
  const body = [];
  let count = 0;
  const headings = rnd.sample(HEADINGS, 3);
  let h = 0;
  while (count < 460) {
    if (body.length === 2 || body.length === 5 || body.length === 8) {
      body.push(`## ${headings[h++ % headings.length]}`);
    }
    const sentences = [];
    for (let n = rnd.int(4, 6); n > 0 && count < 460; n--) {
      const s = sentence(rnd, company, other);
      sentences.push(s);
      count += words(s);
    }
    body.push(sentences.join(' '));
    if (body.length === 4 && count < 460 && rnd.next() < 0.5) {
      const quote = sentence(rnd, company, other);
      body.push(`<PullQuote>${quote}</PullQuote>`);
      count += words(quote);
    }
  }
  const insights = Array.from({ length: rnd.int(3, 5) }, () => insight(rnd, company));
  const actions = Array.from({ length: rnd.int(2, 4) }, (_, i) => action(rnd, i + 1));

  const slug = `${title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 70).replace(/-$/, '')}-${index + 1}`;
  const mdx = storyMdx({ title, dek, summary, section, authors: byline, tags: [...new Set(tags)], publishedAt, updatedAt: updated }, body, insights, actions);
  return { slug, mdx };
}

const idsIn = (dir) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') && !f.startsWith('_'))
    .map((f) => f.slice(0, -'.yaml'.length))
    .sort();

/**
 * Writes OUT/authors, OUT/sections (copied from FROM) and OUT/articles (COUNT stories).
 * Returns what it wrote, with the newest story's section and slug.
 */
export function generateStories({ count, out, from = path.join(ROOT, 'content'), seed = 1, now = new Date() }) {
  const sections = idsIn(path.join(from, 'sections'));
  const authors = idsIn(path.join(from, 'authors'));
  if (sections.length === 0 || authors.length === 0) throw new Error(`${from} needs sections/*.yaml and authors/*.yaml`);
  mkdirSync(out, { recursive: true });
  for (const dir of ['authors', 'sections']) {
    rmSync(path.join(out, dir), { recursive: true, force: true });
    cpSync(path.join(from, dir), path.join(out, dir), { recursive: true });
  }
  const articles = path.join(out, 'articles');
  rmSync(articles, { recursive: true, force: true });
  mkdirSync(articles, { recursive: true });

  const rnd = seededRandom(seed);
  // Newest an hour ago, then one every 3 to 9 hours further back: all in the past.
  let t = now.getTime() - 3600_000;
  let totalWords = 0;
  let newest;
  for (let i = 0; i < count; i++) {
    t -= rnd.int(3, 9) * 3600_000;
    const { slug, mdx } = makeStory({ index: i, rnd, sections, authors, publishedAt: new Date(Math.floor(t / 60_000) * 60_000) });
    totalWords += words(mdx.slice(mdx.indexOf('\n---', 3) + 4));
    newest ??= { section: sections[i % sections.length], slug };
    writeFileSync(path.join(articles, `${slug}.mdx`), mdx);
  }
  return { count, out, sections, authors, averageWords: count ? Math.round(totalWords / count) : 0, oldest: new Date(t), newest };
}

// --- command line ------------------------------------------------------------------------

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const { values } = parseArgs({
    options: {
      count: { type: 'string', default: '5000' },
      out: { type: 'string' },
      from: { type: 'string', default: path.join(ROOT, 'content') },
      seed: { type: 'string', default: '1' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || !values.out) {
    console.log('usage: node bench/generate-stories.mjs --count 5000 --out DIR [--from content] [--seed 1]');
    process.exit(values.help ? 0 : 2);
  }
  const count = Number(values.count);
  if (!Number.isInteger(count) || count < 0) {
    console.error(`--count must be a whole number, not ${values.count}`);
    process.exit(2);
  }
  const started = performance.now();
  const r = generateStories({ count, out: path.resolve(values.out), from: path.resolve(values.from), seed: Number(values.seed) });
  console.log(
    `Wrote ${r.count} stories (about ${r.averageWords} words each, ${r.sections.length} sections, ${r.authors.length} authors, ` +
      `oldest ${r.oldest.toISOString().slice(0, 10)}) to ${r.out} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}
