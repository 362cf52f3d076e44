// Requests to a started server as a browser would make them, with a bounded wait: the signed-in
// reader carries its session cookie; form posts carry the Origin Astro checks. Each answer is
// a status (or 'timeout' / 'error' when no answer came), so a test can count what happened.
import { randomBytes } from 'node:crypto';

export const SESSION_COOKIE = 'masthead_session';
/** Longer than any answer the server should take, even while its database is away. */
export const REQUEST_BOUND_MS = 15_000;

export type Outcome = number | 'timeout' | 'error';

export interface Answer {
  outcome: Outcome;
  headers: Headers | undefined;
  body: string;
  ms: number;
}

function clientAddress(): string {
  const b = randomBytes(3);
  return `10.${b[0]}.${b[1]}.${b[2]}`;
}

/** One request; never throws, never waits past `REQUEST_BOUND_MS`. */
export async function send(baseUrl: string, path: string, init: { method?: string; token?: string; form?: Record<string, string> } = {}): Promise<Answer> {
  const headers: Record<string, string> = { Accept: 'text/html', 'X-Forwarded-For': clientAddress() };
  if (init.token) headers.Cookie = `${SESSION_COOKIE}=${init.token}`;
  let body: string | null = null;
  if (init.form) {
    headers.Origin = baseUrl;
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(init.form).toString();
  }
  const started = Date.now();
  try {
    const response = await fetch(new URL(path, baseUrl), { method: init.method ?? (init.form ? 'POST' : 'GET'), headers, body, redirect: 'manual', signal: AbortSignal.timeout(REQUEST_BOUND_MS) });
    const text = await response.text();
    return { outcome: response.status, headers: response.headers, body: text, ms: Date.now() - started };
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    return { outcome: timedOut ? 'timeout' : 'error', headers: undefined, body: String(error), ms: Date.now() - started };
  }
}

/** The story's page, as a signed-in reader (or anonymous without a token). */
export const readStory = (baseUrl: string, story: Story, token?: string) => send(baseUrl, `/${story.section}/${story.slug}/`, token ? { token } : {});

/** The unlock form of a story; 303 means unlocked (or already readable). */
export const unlockStoryOverHttp = (baseUrl: string, story: Story, token: string) =>
  send(baseUrl, `/${story.section}/${story.slug}/?_action=unlock`, { token, form: { slug: story.slug } });

export interface Story {
  section: string;
  slug: string;
}

/** Published stories of content/ with locked parts, to read and unlock. */
export const STORIES: readonly Story[] = [
  { section: 'business', slug: 'leapmotor-record-deliveries-tesla-challengers' },
  { section: 'business', slug: 'comcast-nbcuniversal-sky-spin-off' },
  { section: 'business', slug: 'bungie-destiny-2-layoffs-marathon' },
  { section: 'business', slug: 'brightwell-household-price-cuts-private-label' },
  { section: 'autos', slug: 'arkwell-starts-production-spanish-lfp-battery-plant' },
  { section: 'media', slug: 'brennard-press-paywall-lifts-digital-subscribers-to-212000' },
  { section: 'technology', slug: 'corvane-payments-breach-3-million-cards-disclosure' },
  { section: 'markets', slug: 'havenwerk-pension-fund-halves-private-credit-allocation' },
];
