// The stories a running server publishes, from its sitemap, and which of them show the
// locked-parts offer to an anonymous reader (the ones a reader can unlock).
import { get } from './harness.mjs';

export async function sitemapStories(base) {
  const res = await get(`${base}/sitemap.xml`);
  if (res.status !== 200) throw new Error(`/sitemap.xml answered ${res.status}`);
  return [...res.body.toString('utf8').matchAll(/<loc>([^<]+)<\/loc>/g)]
    .map((m) => new URL(m[1].replace(/&amp;/g, '&')).pathname)
    .map((p) => /^\/([^/]+)\/([^/]+)\/$/.exec(p))
    .filter((m) => m && !['authors', 'tags'].includes(m[1]) && m[2] !== 'page')
    .map((m) => ({ path: m[0], section: m[1], slug: m[2] }));
}

/** Up to `max` stories whose anonymous page carries the unlock offer. */
export async function lockableStories(base, max = Infinity) {
  const found = [];
  const all = await sitemapStories(base);
  const statuses = {};
  for (const story of all) {
    if (found.length >= max) break;
    const res = await get(base + story.path);
    statuses[res.status] = (statuses[res.status] ?? 0) + 1;
    if (res.status === 200 && /id="locked"/.test(res.body.toString('utf8'))) found.push(story);
  }
  if (found.length === 0) throw new Error(`none of the ${all.length} stories in ${base}/sitemap.xml shows locked parts (answers: ${JSON.stringify(statuses)}): is the content folder right?`);
  return found;
}
