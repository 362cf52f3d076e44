// Before and after each row of the `npm run bench` table is measured, an answer like the row's,
// fetched outside the timing and checked for what the row claims (bench/lib/page-checks.mjs).
// A row whose answer is not what it claims stops the run: its figure would be about something
// else.
import { get } from '../lib/harness.mjs';
import { checkLockedPartsShown, checkStaticCopy, checkTeaserShown } from '../lib/page-checks.mjs';
import { cookieHeader, signIn } from '../lib/reader-http.mjs';
import { BENCH_PASSWORD } from '../lib/seed-readers.mjs';

export const STATIC_PATH = '/bench-static.html';

/** The story page as the reader with `token` gets it (anonymous without one). */
export async function storyPage(base, story, token) {
  const res = await get(base + story.path, token ? { headers: cookieHeader(token) } : undefined);
  return { status: res.status, html: res.body.toString('utf8') };
}

/** Throws, naming the row and the server, when a check found problems. */
export function requirePassed(check, what) {
  if (!check.ok) throw new Error(`${what}: ${check.problems.join('; ')}`);
}

/** Pages of readers who can unlock but have not: the sign-in accounts and the unlock pool. */
const canUnlock = (email) => ({ state: 'can-unlock', readerEmail: email });

/**
 * `moment` is 'before' or 'after'. The unlock row is checked on the pair it will use next
 * (teaser) and on the last pair it unlocked (locked text); the sign-in row on a session its
 * own answers handed out (or, before it has run, one signed in for the check).
 */
export async function checkRow(row, { server, targets }, moment) {
  const base = server.base;
  const what = `${row.label} on ${server.label}, ${moment} the row`;
  const article = targets.article;
  if (row.key === 'static') {
    requirePassed(checkStaticCopy(await get(base + STATIC_PATH), targets.staticBytes), what);
  } else if (row.key === 'anonymous') {
    requirePassed(checkTeaserShown(await storyPage(base, article), article, { state: 'anonymous' }), what);
  } else if (row.key === 'signedIn') {
    const reader = targets.reader;
    requirePassed(checkLockedPartsShown(await storyPage(base, article, reader.token), article, { readerEmail: reader.email }), what);
  } else if (row.key === 'unlock') {
    const pair = moment === 'before' ? targets.pairs[targets.nextPair] : targets.lastUnlocked;
    if (!pair) return; // the pool is used up (before), or nothing was unlocked (after): the row's figures say so
    const page = await storyPage(base, pair.story, pair.token);
    requirePassed(moment === 'before' ? checkTeaserShown(page, pair.story, canUnlock(pair.email)) : checkLockedPartsShown(page, pair.story, { readerEmail: pair.email }), what);
  } else if (row.key === 'signIn') {
    let session = moment === 'after' ? targets.lastSignIn : undefined;
    if (!session) {
      const account = targets.signInAccounts[0];
      const answer = await signIn(base, account.email, BENCH_PASSWORD);
      requirePassed({ ok: answer.ok, problems: [answer.detail ?? `status ${answer.status}`] }, what);
      session = { email: account.email, token: answer.token };
    }
    requirePassed(checkTeaserShown(await storyPage(base, article, session.token), article, canUnlock(session.email)), what);
  }
}
