// One section's RSS feed.
import type { APIRoute } from 'astro';
import { now } from '../../server/content/clock.ts';
import { storyFeedResponse } from '../../server/feeds/story-feed.ts';

export const GET: APIRoute = ({ params }) => storyFeedResponse(now(), params.section ?? '');
