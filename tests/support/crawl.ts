// Collects everything a reader without access can receive from the test site: every URL in
// the sitemap, every feed, robots.txt, search results, error pages and every client file.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { TEST_BASE_URL, TEST_OUT_DIR, TEST_SITE_URL } from './test-site.ts';

export interface Fetched {
  source: string;
  status: number;
  body: string;
}

/** A canonical URL from the build, mapped to the test server. */
export function localUrl(canonical: string): string {
  return canonical.replace(TEST_SITE_URL, TEST_BASE_URL);
}

export async function fetchText(url: string, init?: RequestInit): Promise<Fetched> {
  const res = await fetch(url, { redirect: 'manual', ...init });
  return { source: url, status: res.status, body: await res.text() };
}

type Locs = { loc: string }[] | { loc: string } | undefined;
const locsOf = (entries: Locs) => (entries === undefined ? [] : Array.isArray(entries) ? entries : [entries]).map((e) => localUrl(e.loc));

/** Every page URL the sitemap lists; /sitemap.xml is an index of sitemap files, each read in turn. */
export async function sitemapUrls(): Promise<string[]> {
  const parse = async (url: string) =>
    new XMLParser().parse((await fetchText(url)).body) as { sitemapindex?: { sitemap: Locs }; urlset?: { url: Locs } };
  const top = await parse(`${TEST_BASE_URL}/sitemap.xml`);
  const files = top.sitemapindex ? locsOf(top.sitemapindex.sitemap) : [];
  const sets = top.sitemapindex ? await Promise.all(files.map(parse)) : [top];
  return sets.flatMap((set) => locsOf(set.urlset?.url));
}

export function clientFiles(dir = path.join(TEST_OUT_DIR, 'client')): Fetched[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return clientFiles(full);
    return [{ source: full, status: 200, body: readFileSync(full).toString('latin1') }];
  });
}

export async function sectionIds(): Promise<string[]> {
  const home = (await fetchText(`${TEST_BASE_URL}/`)).body;
  const nav = /<nav class="site-nav"[\s\S]*?<\/nav>/.exec(home)?.[0] ?? '';
  return [...nav.matchAll(/href="\/([a-z0-9-]+)\/"/g)].map((m) => m[1] ?? '');
}
