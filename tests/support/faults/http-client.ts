// Requests to a started server as a browser would make them, with a bounded wait: the signed-in
// reader carries its session cookie; form posts carry the Origin Astro checks. Each answer is
// a status (or 'timeout' / 'error' when no answer came), so a test can count what happened.
import { randomClientAddress, SESSION_COOKIE } from '../http-forms.ts';
import { lockedStories, type StoryAddress } from '../locked-stories.ts';

export { SESSION_COOKIE };
/** Longer than any answer the server should take, even while its database is away. */
export const REQUEST_BOUND_MS = 15_000;

export type Outcome = number | 'timeout' | 'error';

export interface Answer {
  outcome: Outcome;
  headers: Headers | undefined;
  body: string;
  ms: number;
}

/** One request; never throws, never waits past `REQUEST_BOUND_MS`. */
export async function send(baseUrl: string, path: string, init: { method?: string; token?: string; form?: Record<string, string> } = {}): Promise<Answer> {
  const headers: Record<string, string> = { Accept: 'text/html', 'X-Forwarded-For': randomClientAddress() };
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

export type Story = StoryAddress;

/** Published stories of content/ with locked parts, to read and unlock. */
export const STORIES: readonly Story[] = lockedStories().slice(0, 8);
