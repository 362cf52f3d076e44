// The site's RSS feed: the latest stories of every section, free text only.
import type { APIRoute } from 'astro';
import { now } from '../server/content/clock.ts';
import { storyFeedResponse } from '../server/feeds/story-feed.ts';

export const GET: APIRoute = () => storyFeedResponse(now());
