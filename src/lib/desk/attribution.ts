// Which story a reader started from, read off the `next` path their flow carries (the
// paywall's Register, Sign in, Join the Club and Buy credits links all pass the story's path).
// Pure: whether the story exists is asked of the caller's lookup.

/** A story's address, `/<section>/<slug>/`. */
export interface StoryPath {
  section: string;
  slug: string;
}

/**
 * The site's own top-level routes: a path under one of them is never a story, even when it
 * has the `/<a>/<b>/` shape (e.g. `/tags/china/`, `/account/sessions/`).
 */
const FIXED_ROUTES: ReadonlySet<string> = new Set([
  '404', '500', '_actions', '_astro', '_image', '_server-islands', 'account', 'api', 'authors', 'club',
  'confirm-email-change', 'credits', 'desk', 'forgot-password', 'register', 'reset-password', 'robots.txt',
  'rss.xml', 'search', 'sign-in', 'sign-out', 'sitemap.xml', 'tags', 'verify-email',
]);

/** Pages that pass the reader on to their own `next`: the story may be one level further in. */
const PASSING_ON: ReadonlySet<string> = new Set(['club', 'credits', 'register', 'sign-in']);

/**
 * How many of those pages may stand between the outer path and the story. Two covers the
 * longest real flow, Register → the Club → the story; anything deeper is not followed.
 */
export const MAX_NESTED_NEXT = 2;

/** Longest `next` considered; the forms already cap theirs at 512 characters. */
const MAX_NEXT_LENGTH = 1024;
const MAX_SEGMENT_LENGTH = 200;

/** Story slugs and section ids are file names made URL-safe: lower-case ASCII, digits, - and _. */
const SEGMENT = /^[a-z0-9][a-z0-9_-]*$/;

/** A plausible story slug (or section id); anything else is never stored as attribution. */
export function isStorySegment(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_SEGMENT_LENGTH && SEGMENT.test(value);
}

const BASE = 'http://masthead.invalid';

function parseLocalPath(raw: string): URL | undefined {
  if (raw.length > MAX_NEXT_LENGTH) return undefined;
  // Same gate as safeNextPath: a path on this site, not `//host` or `/\host`, no control bytes.
  if (!raw.startsWith('/') || raw.startsWith('//') || /[\u0000-\u001f\\]/.test(raw)) return undefined;
  try {
    const url = new URL(raw, BASE);
    return url.origin === BASE ? url : undefined;
  } catch {
    return undefined;
  }
}

function storyPathAt(raw: string, depth: number): StoryPath | undefined {
  const url = parseLocalPath(raw);
  if (!url) return undefined;
  // The path stays percent-encoded here, so `%2F` inside a segment fails the segment rule.
  const segments = url.pathname.replace(/\/$/, '').split('/').slice(1);
  if (segments.length === 1 && PASSING_ON.has(segments[0] ?? '')) {
    const inner = url.searchParams.get('next');
    return inner !== null && depth < MAX_NESTED_NEXT ? storyPathAt(inner, depth + 1) : undefined;
  }
  const [section, slug] = segments;
  if (segments.length !== 2 || !isStorySegment(section) || !isStorySegment(slug) || FIXED_ROUTES.has(section)) return undefined;
  return { section, slug };
}

/** The story a `next` path leads to (directly or through one of the passing-on pages), if any. */
export function storyPathFromNext(next: string | null | undefined): StoryPath | undefined {
  return typeof next === 'string' ? storyPathAt(next, 0) : undefined;
}

/**
 * The slug to record for a reader starting from `next`: only when a story with that slug
 * exists and lives in the section the path names.
 */
export async function attributedStorySlug(
  next: string | null | undefined,
  findStoryBySlug: (slug: string) => Promise<{ section: string } | undefined>,
): Promise<string | undefined> {
  const path = storyPathFromNext(next);
  if (!path) return undefined;
  const story = await findStoryBySlug(path.slug);
  return story?.section === path.section ? path.slug : undefined;
}
