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

export async function sitemapUrls(): Promise<string[]> {
  const xml = (await fetchText(`${TEST_BASE_URL}/sitemap.xml`)).body;
  const parsed = new XMLParser().parse(xml) as { urlset: { url: { loc: string }[] | { loc: string } } };
  const urls = Array.isArray(parsed.urlset.url) ? parsed.urlset.url : [parsed.urlset.url];
  return urls.map((u) => localUrl(u.loc));
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
