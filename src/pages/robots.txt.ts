// Crawlers may read every public page; the sitemap lists them.
import type { APIRoute } from 'astro';
import { SITE_URL } from 'astro:env/server';
import { publicCacheControl } from '../server/http/cache-control.ts';

export const GET: APIRoute = () =>
  new Response(`User-agent: *\nAllow: /\nDisallow: /search/\n\nSitemap: ${new URL('/sitemap.xml', SITE_URL).href}\n`, {
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': publicCacheControl() },
  });
