// The sitemap index: one file per SITEMAP_MAX_URLS public stories, and one for the home,
// section, author and tag pages (src/lib/feeds/sitemap.ts, src/server/feeds/sitemap-rows.ts).
import type { APIRoute } from 'astro';
import { now } from '../server/content/clock.ts';
import { sitemapIndexResponse } from '../server/feeds/sitemap-response.ts';

export const GET: APIRoute = () => sitemapIndexResponse(now());
