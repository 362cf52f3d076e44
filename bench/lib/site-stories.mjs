// The stories a running server publishes, from its sitemap, and which of them show the
// locked-parts offer to an anonymous reader (the ones a reader can unlock).
import { get } from './harness.mjs';
import { elementById, parseHtml } from './html-scan.mjs';

/** The paths in the <loc>s of one sitemap file (or sitemap index) of the server. */
async function sitemapLocs(base, pathname) {
  const res = await get(base + pathname);
  if (res.status !== 200) throw new Error(`${pathname} answered ${res.status}`);
  const xml = res.body.toString('utf8');
  const paths = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1].replace(/&amp;/g, '&')).pathname);
  return { index: xml.includes('<sitemapindex'), paths };
}

/** Every story in the sitemap; /sitemap.xml is an index of sitemap files (src/lib/feeds/sitemap.ts). */
export async function sitemapStories(base) {
  const top = await sitemapLocs(base, '/sitemap.xml');
  const paths = top.index ? (await Promise.all(top.paths.map((p) => sitemapLocs(base, p)))).flatMap((file) => file.paths) : top.paths;
  return paths
    .map((p) => /^\/([^/]+)\/([^/]+)\/$/.exec(p))
    .filter((m) => m && !['authors', 'tags'].includes(m[1]) && m[2] !== 'page')
    .map((m) => ({ path: m[0], section: m[1], slug: m[2] }));
}

/** Up to `max` stories whose anonymous page carries the unlock offer (the element #locked). */
export async function lockableStories(base, max = Infinity) {
  const found = [];
  const all = await sitemapStories(base);
  const statuses = {};
  for (const story of all) {
    if (found.length >= max) break;
    const res = await get(base + story.path);
    statuses[res.status] = (statuses[res.status] ?? 0) + 1;
    if (res.status === 200 && elementById(parseHtml(res.body.toString('utf8')), 'locked')) found.push(story);
  }
  if (found.length === 0) throw new Error(`none of the ${all.length} stories in ${base}/sitemap.xml shows locked parts (answers: ${JSON.stringify(statuses)}): is the content folder right?`);
  return found;
}
