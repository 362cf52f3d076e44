// Synthetic archive for bench/search-scale.mjs, inserted straight with SQL (generate_series):
// 5 sections, 500 tags with a steep distribution (tag n is picked with weight ~ n^-2/3), and
// stories whose public_text (~5,000 characters) is ten paragraphs drawn from a pool of 1,000.
// Vocabulary: 40% plain English filler, 60% made-up everyday words (4,000, steeply distributed,
// so each story holds a few hundred distinct lexemes as real text does); COMMON_WORD is in a third of the paragraphs (so in ~98% of stories' bodies and
// ~20% of titles), PHRASE in a tenth, MEDIUM_WORD in a twentieth; each story also carries three
// of 2,000 made-up rare words (each in ~0.15% of stories). 1% of stories are drafts and 1% are
// scheduled for the future; the rest are published, one every 30 minutes back from now.
import { sql } from 'drizzle-orm';
import { mulberry32 } from './archive-random.mjs';

export const COMMON_WORD = 'market';
export const MEDIUM_WORD = 'turbine';
export const PHRASE = 'supply chain';
export const RARE_WORDS = 2000;
export const SECTIONS = ['business', 'markets', 'technology', 'energy', 'policy'];
export const TAGS = 500;

const FILLER = ('the company said its quarterly revenue rose while costs fell and analysts expected further gains in ' +
  'europe asia and america as investors weighed interest rates inflation wages exports factories shipping').split(' ');
/** Made-up everyday words ("bel…"), 4,000 of them, drawn with a steep (Zipf-like) distribution. */
const EVERYDAY = Array.from({ length: 4000 }, (_, n) => madeUpWord('bel', n));

/** A deterministic pseudo-random sequence (mulberry32), so every run inserts the same archive. */
const randomFrom = mulberry32;

/** A made-up word: `prefix` and n spelled in syllables; letters only, so the parser keeps it whole. */
function madeUpWord(prefix, n) {
  const syllables = ['ka', 'lo', 'mi', 'ru', 'ze', 'vo', 'ta', 'ne', 'qi', 'bu'];
  let word = prefix;
  for (let k = n; k > 0 || word === prefix; k = Math.floor(k / 10)) word += syllables[k % 10];
  return word;
}

/** The made-up rare word number n (0 to RARE_WORDS - 1). */
export function rareWord(n) {
  return madeUpWord('zor', n);
}

function paragraphs(count) {
  const random = randomFrom(7);
  const out = [];
  for (let i = 0; i < count; i++) {
    const words = [];
    let length = 0;
    while (length < 480) {
      const word = random() < 0.4 ? FILLER[Math.floor(random() * FILLER.length)] : EVERYDAY[Math.floor(EVERYDAY.length * random() ** 2.5)];
      words.push(word);
      length += word.length + 1;
    }
    if (i % 3 === 0) words.splice(Math.floor(random() * words.length), 0, COMMON_WORD);
    if (i % 10 === 1) words.splice(Math.floor(random() * words.length), 0, ...PHRASE.split(' '));
    if (i % 20 === 2) words.splice(Math.floor(random() * words.length), 0, MEDIUM_WORD);
    out.push(`${words.join(' ')}.`);
  }
  return out;
}

/** Sections, tags and the paragraph pool; call once on an empty, migrated database. */
export async function insertReferenceRows(db) {
  const now = new Date();
  for (const [i, id] of SECTIONS.entries()) {
    await db.execute(sql`insert into sections (id, name, description, position, source_hash, saved_at) values (${id}, ${id}, ${id}, ${i}, 'bench', ${now.toISOString()})`);
  }
  await db.execute(sql`insert into tags (id) select 'tag-' || n from generate_series(0, ${TAGS - 1}) n`);
  await db.execute(sql`create table bench_paragraphs (i int primary key, body text not null)`);
  await db.execute(sql`create table bench_rare_words (i int primary key, word text not null)`);
  for (let start = 0; start < RARE_WORDS; start += 500) {
    const rows = Array.from({ length: 500 }, (_, k) => sql`(${start + k}, ${rareWord(start + k)})`);
    await db.execute(sql`insert into bench_rare_words (i, word) values ${sql.join(rows, sql`, `)}`);
  }
  const pool = paragraphs(1000);
  for (let start = 0; start < pool.length; start += 100) {
    const rows = pool.slice(start, start + 100).map((body, k) => sql`(${start + k}, ${body})`);
    await db.execute(sql`insert into bench_paragraphs (i, body) values ${sql.join(rows, sql`, `)}`);
  }
}

/** Stories first..last (1-based, newest = highest), `total` in the archive, published back from `now`. */
export async function insertStories(db, first, last, total, now) {
  // A uniform number in [0, 1) from the story number g and a salt (hashint8 mixes the bits well).
  const h = (salt) => sql.raw(`((hashint8(g::bigint * 64 + ${salt})::bigint + 2147483648) / 4294967296.0)`);
  await db.execute(sql`
    insert into stories (slug, section_id, status, title, dek, summary, author_ids, tag_ids, published_at,
      public_html, public_text, public_words, has_key_insights, has_executive_actions, source, source_hash, saved_at)
    select 'story-' || g,
      (array['business','markets','technology','energy','policy'])[1 + g % 5],
      case when g % 100 = 7 then 'draft' when g % 100 = 13 then 'scheduled' else 'published' end,
      'Story ' || g || case when g % 5 = 0 then ${' as the ' + COMMON_WORD + ' turns'} else ' on quarterly results' end,
      'What the figures say about ' || case when g % 50 = 3 then ${MEDIUM_WORD + ' makers'} else 'the sector' end,
      'A summary of story ' || g || ' for readers in a hurry.',
      array['author-' || g % 20],
      array(select distinct 'tag-' || floor(${TAGS} * power(${h('k + 20')}, 3))::int from generate_series(1, 4) k),
      case when g % 100 = 13 then ${now.toISOString()}::timestamptz + (g % 7 + 1) * interval '1 day'
           else ${now.toISOString()}::timestamptz - (${total}::int - g + 1) * interval '30 minutes' end,
      '<p>Synthetic story ' || g || '</p>',
      body.text || ' ' || rare.words, 800, g % 2 = 0, g % 3 = 0, 'synthetic', 'hash-' || g, ${now.toISOString()}
    from generate_series(${first}::int, ${last}::int) g
    cross join lateral (
      select string_agg(p.body, ' ') as text from bench_paragraphs p
      where p.i in (select floor(1000 * ${h('k')})::int from generate_series(1, 10) k)
    ) as body
    cross join lateral (
      select string_agg(r.word, ' ') as words from bench_rare_words r
      where r.i in (select floor(${RARE_WORDS} * ${h('k + 11')})::int from generate_series(1, 3) k)
    ) as rare`);
  await db.execute(sql`insert into story_tags (story_id, tag_id)
    select id, unnest(tag_ids) from stories where slug in (select 'story-' || g from generate_series(${first}::int, ${last}::int) g)`);
}
