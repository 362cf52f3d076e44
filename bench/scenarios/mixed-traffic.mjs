// The traffic of `npm run bench:load`: anonymous reads of stories, the home page and section
// pages; password sign-ins; and unlocks, each by a fresh reader with credits and each
// (reader, story) pair used once, drawn at random in the given proportions.
import { BENCH_PASSWORD } from '../lib/seed-readers.mjs';
import { page, signIn, unlock } from '../lib/reader-http.mjs';

/** "80/10/10" -> { read: 0.8, signIn: 0.1, unlock: 0.1 }; a clear message for anything else. */
export function parseMix(text) {
  const parts = String(text).split('/').map(Number);
  if (parts.length !== 3 || parts.some((n) => !Number.isFinite(n) || n < 0) || parts.reduce((a, b) => a + b, 0) <= 0) {
    throw new Error(`--mix must be three numbers read/sign-in/unlock such as 80/10/10, not ${text}`);
  }
  const total = parts.reduce((a, b) => a + b, 0);
  return { read: parts[0] / total, signIn: parts[1] / total, unlock: parts[2] / total };
}

// Of the reads: mostly stories, some front pages (home, sections).
const READ_SPLIT = { article: 0.7, home: 0.15, section: 0.15 };

/** A next(i) for runLoop; `random` is injectable so a run can be repeated. */
export function mixedTraffic({ base, mix, stories, credits, unlockReaders, signInAccounts, random = Math.random }) {
  const sections = [...new Set(stories.map((s) => `/${s.section}/`))];
  const pairs = [];
  // Story-major (reader-major would send one reader's unlocks back to back), and only as many
  // stories as each reader has credits, so every unlock can succeed.
  for (const story of stories.slice(0, credits)) for (const r of unlockReaders) pairs.push({ story, token: r.token });
  let nextPair = 0;
  let nextAccount = 0;
  const pick = (xs) => xs[Math.floor(random() * xs.length)];
  const state = { unlocksSent: 0, get pairsLeft() { return pairs.length - nextPair; } };
  const next = () => {
    const r = random();
    if (r < mix.unlock) {
      const pair = pairs[nextPair++];
      if (!pair) return null; // the pool is used up: the run ends and says so
      state.unlocksSent += 1;
      return { kind: 'unlock', send: () => unlock(base, pair.story, pair.token) };
    }
    if (r < mix.unlock + mix.signIn) {
      const account = signInAccounts[nextAccount++ % signInAccounts.length];
      return { kind: 'sign-in', send: () => signIn(base, account.email, BENCH_PASSWORD) };
    }
    const q = random();
    if (q < READ_SPLIT.article) {
      const story = pick(stories);
      return { kind: 'read: article', send: () => page(base, story.path) };
    }
    if (q < READ_SPLIT.article + READ_SPLIT.home) return { kind: 'read: home', send: () => page(base, '/') };
    const section = pick(sections);
    return { kind: 'read: section', send: () => page(base, section) };
  };
  return { next, state };
}
