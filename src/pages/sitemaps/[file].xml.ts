// One file of the sitemap index: /sitemaps/<n>.xml (stories, in id order) or /sitemaps/pages.xml.
import type { APIRoute } from 'astro';
import { now } from '../../server/content/clock.ts';
import { sitemapFileResponse } from '../../server/feeds/sitemap-response.ts';

export const GET: APIRoute = ({ params }) => sitemapFileResponse(now(), params.file);
