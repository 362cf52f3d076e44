// The rows of the `npm run bench` table for one server: the static ceiling, the anonymous
// article, the signed-in reader's unlocked article, the unlock action and the password
// sign-in. GETs go through autocannon; unlocks and sign-ins through the closed loop (each
// request needs its own reader or story, and the right answer is a 303).
import { cannon, median, summarize } from '../lib/harness.mjs';
import { runLoop } from '../lib/http-loop.mjs';
import { checkLockedPartsShown, checkTeaserShown } from '../lib/page-checks.mjs';
import { cookieHeader, signIn, unlock } from '../lib/reader-http.mjs';
import { BENCH_PASSWORD } from '../lib/seed-readers.mjs';
import { STATIC_PATH, checkRow, requirePassed, storyPage } from './row-checks.mjs';

export const ROWS = [
  { key: 'static', label: 'static ceiling (same server, a file)' },
  { key: 'anonymous', label: 'article, anonymous' },
  { key: 'signedIn', label: 'article, signed in, unlocked' },
  { key: 'unlock', label: 'unlock action' },
  { key: 'signIn', label: 'sign-in (password)' },
];

/**
 * Everything a server needs before its rows are measured: the reader who has unlocked the
 * article (checked: before, the page shows the offer; after, the story's locked text), the bytes
 * of the static file, and the pool of (reader, story) pairs the unlock row works through, each
 * pair used once. `stories` carry their locked parts (bench/lib/story-expectations.mjs).
 */
export async function prepareTargets({ server, articlePath, stories, seeded, staticBytes }) {
  const article = stories.find((s) => s.path === articlePath);
  const reader = seeded.pageReader;
  const what = (moment) => `the signed-in reader's ${articlePath} on ${server.label}, ${moment} unlocking it`;
  requirePassed(checkTeaserShown(await storyPage(server.base, article, reader.token), article, { state: 'can-unlock', readerEmail: reader.email }), what('before'));
  const first = await unlock(server.base, article, reader.token);
  if (!first.ok) throw new Error(`unlocking ${articlePath} for the signed-in row on ${server.label} answered ${first.status} ${first.detail ?? ''}`);
  requirePassed(checkLockedPartsShown(await storyPage(server.base, article, reader.token), article, { readerEmail: reader.email }), what('after'));
  const pairs = [];
  // Story-major, and only as many stories as each reader has credits: every pair can succeed.
  for (const story of stories.slice(0, seeded.credits)) for (const r of seeded.unlockReaders) pairs.push({ story, token: r.token, email: r.email });
  return { article, reader, staticBytes, pairs, nextPair: 0, lastUnlocked: undefined, signInAccounts: seeded.signInAccounts, nextAccount: 0, lastSignIn: undefined };
}

/** The row's answer is checked before and after it is measured (./row-checks.mjs). */
async function measureRow(row, ctx) {
  await checkRow(row, ctx, 'before');
  const figures = await measureLoad(row, ctx);
  await checkRow(row, ctx, 'after');
  return figures;
}

async function measureLoad(row, { server, articlePath, targets, connections, seconds }) {
  const base = server.base;
  if (row.key === 'static' || row.key === 'anonymous' || row.key === 'signedIn') {
    const url = row.key === 'static' ? base + STATIC_PATH : base + articlePath;
    const headers = row.key === 'signedIn' ? cookieHeader(targets.reader.token) : {};
    const s = summarize(await cannon({ url, connections, seconds, headers }));
    return { reqPerSec: s.reqPerSec, p50Ms: s.p50Ms, p99Ms: s.p99Ms, requests: s.requests, failures: s.non2xx + s.errors + s.timeouts, statuses: s.statusCodes };
  }
  // The last answer that worked, for the check after the row (./row-checks.mjs).
  const remember = (answer, key, value) => {
    if (answer.ok) targets[key] = value;
    return answer;
  };
  const next =
    row.key === 'unlock'
      ? () => {
          const pair = targets.pairs[targets.nextPair++];
          return pair ? { kind: 'unlock', send: () => unlock(base, pair.story, pair.token).then((r) => remember(r, 'lastUnlocked', pair)) } : null;
        }
      : () => {
          const account = targets.signInAccounts[targets.nextAccount++ % targets.signInAccounts.length];
          return { kind: 'signIn', send: () => signIn(base, account.email, BENCH_PASSWORD).then((r) => remember(r, 'lastSignIn', { email: account.email, token: r.token })) };
        };
  const r = await runLoop({ seconds, concurrency: connections, next });
  const k = r.kinds[row.key] ?? { reqPerSec: 0, p50Ms: NaN, p99Ms: NaN, requests: 0, unexpected: 0, errors: 0, timeouts: 0, statuses: {}, examples: [] };
  return {
    reqPerSec: k.reqPerSec,
    p50Ms: k.p50Ms,
    p99Ms: k.p99Ms,
    requests: k.requests,
    failures: k.unexpected + k.errors + k.timeouts,
    statuses: k.statuses,
    examples: k.examples,
    poolExhausted: r.exhausted,
  };
}

/** A short uncounted run of every row, so JIT, caches and connection pools are warm. */
export async function warmUp(ctx, seconds) {
  for (const row of ROWS) await measureRow(row, { ...ctx, seconds });
}

/** One measured run of every row, in the given order. */
export async function measureRound(ctx, order) {
  const out = {};
  for (const row of order) out[row.key] = await measureRow(row, ctx);
  return out;
}

/** Median of each figure over rounds; totals of requests and failures. */
export function combineRounds(rounds) {
  const rows = {};
  for (const { key, label } of ROWS) {
    const rs = rounds.map((r) => r[key]).filter(Boolean);
    rows[key] = {
      label,
      reqPerSec: median(rs.map((r) => r.reqPerSec)),
      p50Ms: median(rs.map((r) => r.p50Ms)),
      p99Ms: median(rs.map((r) => r.p99Ms)),
      requests: rs.reduce((n, r) => n + r.requests, 0),
      failures: rs.reduce((n, r) => n + r.failures, 0),
      poolExhausted: rs.some((r) => r.poolExhausted),
      examples: rs.flatMap((r) => r.examples ?? []).slice(0, 5),
    };
  }
  for (const row of Object.values(rows)) row.ratio = row.reqPerSec / rows.static.reqPerSec;
  return rows;
}
