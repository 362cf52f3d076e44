// A stories file of the sitemap as a stream: its XML written a page of stories at a time as the
// reader takes it (sitemap-rows.ts reads the pages), so serving a file of 50,000 URLs never
// holds it whole. The bytes are those of sitemapXml (src/lib/feeds/sitemap.ts) for the same
// stories. The first page is read before the answer starts: a file past the last one is
// undefined (404), and a database that is away fails the request, not the middle of a body.
import type { Db } from '../../../db/client.ts';
import { SITEMAP_MAX_URLS, SITEMAP_URLSET_END, SITEMAP_URLSET_START, sitemapUrlXml, type SitemapEntry } from '../../lib/feeds/sitemap.ts';
import { storySitemapEntryPages } from './sitemap-rows.ts';

export async function storySitemapStream(db: Db, now: Date, n: number, siteUrl: string, size = SITEMAP_MAX_URLS, pageRows?: number): Promise<ReadableStream<Uint8Array> | undefined> {
  const pages = storySitemapEntryPages(db, now, n, size, pageRows);
  const first = await pages.next();
  if (first.done) return undefined;
  const encoder = new TextEncoder();
  const urls = (page: SitemapEntry[]) => encoder.encode(page.map((e) => `\n${sitemapUrlXml(e, siteUrl)}`).join(''));
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(SITEMAP_URLSET_START));
        controller.enqueue(urls(first.value));
        return;
      }
      const next = await pages.next();
      if (next.done) {
        controller.enqueue(encoder.encode(`\n${SITEMAP_URLSET_END}`));
        controller.close();
      } else {
        controller.enqueue(urls(next.value));
      }
    },
    async cancel() {
      await pages.return(undefined);
    },
  });
}
