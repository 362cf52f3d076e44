// What bench/archive.mjs measures on a served archive: latency rows with autocannon (each a
// list of paths the clients cycle through), single timed fetches (feed, sitemap), and the
// mixed read load whose memory cost is read from the server's RSS.
import { PAGE_SIZE } from '../../src/lib/content/paginate.ts';
import { cannon, get, log, median, summarize } from './harness.mjs';
import { seededRandom } from './archive-random.mjs';

/** Words the archive's stories use (bench/lib/archive-prose.mjs), as readers would search. */
const SEARCH_TERMS = ['dividend', 'battery packs', 'freight rates', 'memory chips', 'tariffs', 'refinance bonds', 'Rotterdam', 'streaming subscriptions', 'wage bills', 'net retention', 'Galloway', 'sports rights', 'warranty claims', 'Jakarta', 'spreads', 'private credit', 'license technology', 'Marlowe Energy', 'inventory days', 'charging hardware'];

const requestsOf = (paths) => paths.map((path) => ({ method: 'GET', path }));

/** The paths each row and the load draw from, chosen from what the generator wrote. */
export function archivePaths(archive, seed = 1) {
  const rnd = seededRandom(seed + 17);
  const articles = rnd.sample(archive.samples.map((s) => s.path), 300);
  const biggest = Object.entries(archive.perSection).sort((a, b) => b[1] - a[1])[0];
  const lastPage = Math.max(1, Math.ceil(biggest[1] / PAGE_SIZE));
  const deepPage = Math.min(500, lastPage);
  return {
    articles,
    sectionFirst: archive.sections.map((s) => `/${s}/`),
    sectionDeep: { path: deepPage === 1 ? `/${biggest[0]}/` : `/${biggest[0]}/page/${deepPage}/`, page: deepPage, section: biggest[0] },
    search: SEARCH_TERMS.map((q) => `/search/?q=${encodeURIComponent(q)}`),
    tags: [...new Set(archive.samples.flatMap((s) => s.tags))].slice(0, 60).map((t) => `/tags/${t}/`),
    authors: archive.authors.slice(0, 50).map((a) => `/authors/${a}/`),
    // Pages 2 to 8 that the section has (a small archive's sections end sooner).
    sectionPages: archive.sections.flatMap((s) => [2, 3, 5, 8].filter((p) => p <= Math.ceil((archive.perSection[s] ?? 0) / PAGE_SIZE)).map((p) => `/${s}/page/${p}/`)),
  };
}

/** One autocannon row over `paths`; every answer must be a 200. */
export async function latencyRow({ base, label, paths, seconds, connections }) {
  const s = summarize(await cannon({ url: base, connections, seconds, requests: requestsOf(paths) }));
  const failed = s.non2xx + s.errors + s.timeouts;
  log(`${label}: p50 ${s.p50Ms} ms, p99 ${s.p99Ms} ms, ${Math.round(s.reqPerSec)} req/s${failed ? `, ${failed} FAILED (${JSON.stringify(s.statusCodes)})` : ''}`);
  return { label, ...s, failed };
}

/** `times` sequential GETs of one path: median and slowest time, size, status. */
export async function timedFetches({ base, path, times = 5 }) {
  const runs = [];
  for (let i = 0; i < times; i++) runs.push(await get(`${base}${path}`));
  const bad = runs.filter((r) => r.status !== 200);
  return {
    path,
    medianMs: median(runs.map((r) => r.ms)),
    maxMs: Math.max(...runs.map((r) => r.ms)),
    bytes: runs.at(-1).body.length,
    status: bad.length ? bad[0].status : 200,
    body: runs.at(-1).body.toString('utf8'),
  };
}

/** The sitemap, and its first part when it is an index of sitemaps. */
export async function sitemapTimes(base) {
  const top = await timedFetches({ base, path: '/sitemap.xml', times: 3 });
  const result = { top: { ...top, body: undefined }, isIndex: top.body.includes('<sitemapindex'), parts: 0 };
  if (result.isIndex) {
    const locs = [...top.body.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1].replace(/&amp;/g, '&')).pathname + new URL(m[1].replace(/&amp;/g, '&')).search);
    result.parts = locs.length;
    if (locs[0]) result.firstPart = { ...(await timedFetches({ base, path: locs[0], times: 3 })), body: undefined };
  }
  return result;
}

/**
 * The mixed read load: 60% articles, 10% home, 10% section pages (1 to 8), 10% search, 5% tag
 * pages, 5% author pages, in a seeded order that the clients cycle through.
 */
export async function mixedReadLoad({ base, paths, seconds, connections, seed = 1 }) {
  const rnd = seededRandom(seed + 29);
  const draws = [];
  for (let i = 0; i < 2000; i++) {
    const r = rnd.next();
    if (r < 0.6) draws.push(rnd.pick(paths.articles));
    else if (r < 0.7) draws.push('/');
    else if (r < 0.8) draws.push(rnd.pick([...paths.sectionFirst, ...paths.sectionPages]));
    else if (r < 0.9) draws.push(rnd.pick(paths.search));
    else if (r < 0.95) draws.push(rnd.pick(paths.tags));
    else draws.push(rnd.pick(paths.authors));
  }
  return latencyRow({ base, label: `mixed read load, ${seconds} s`, paths: draws, seconds, connections });
}
