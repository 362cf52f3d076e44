// Publish-to-live for bench/archive.mjs: writes a new story file into the content folder of a
// running server (CONTENT_WATCH on) and polls until the story shows on its own page, the home
// page, its section's first page, the feed and search. The time from the write to the last
// of the five is one sample. Pages are fetched first so the server's anonymous cache holds
// them: the figure includes taking the file in and purging the pages it touches.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fmt, get, log, percentile, sleep } from './harness.mjs';

const POLL_MS = 25;
const GIVE_UP_MS = 30_000;

/** A word no generated story uses, unique to this sample: search must find the new story by it. */
const marker = (run, i) => `quillarven${String(run * 1000 + i).replace(/\d/g, (d) => 'abcdefghij'[Number(d)])}`;

function liveStory({ slug, section, author, word, publishedAt }) {
  return `---
title: "Live desk check ${word} lands on every page"
dek: "A story written during the benchmark to time how fast a saved file goes live."
summary: "The benchmark saves this file and polls the site until the story shows on its page, the home page, its section, the feed and search."
section: ${section}
authors: [${author}]
tags: [earnings]
publishedAt: ${publishedAt.toISOString()}
draft: false
---

The word ${word} appears only in this story, so a search for it finds this story and nothing else. The rest is ordinary free text of a few sentences, as a short news item would have.

<KeyInsights>

- A locked point that no reader without access may see.

</KeyInsights>

<ExecutiveActions>

1. A locked action that no reader without access may see.

</ExecutiveActions>
`;
}

/** Polls `path` until `seen(res)` holds; returns ms since `t0`, or NaN after GIVE_UP_MS. */
async function until(base, pathname, seen, t0) {
  for (;;) {
    const res = await get(`${base}${pathname}`).catch(() => undefined);
    if (res && seen(res)) return performance.now() - t0;
    if (performance.now() - t0 > GIVE_UP_MS) return NaN;
    await sleep(POLL_MS);
  }
}

/**
 * `samples` new stories, one after another, into `contentDir/articles`. Returns each sample's
 * time per surface and overall, and p50/p95 of the overall times.
 */
export async function publishToLive({ base, contentDir, section, author, samples, run = process.pid % 1000, serverOutput = () => '' }) {
  const times = [];
  for (let i = 0; i < samples; i++) {
    const word = marker(run, i);
    const slug = `live-desk-check-${word}`;
    const storyPath = `/${section}/${slug}/`;
    // Warm the pages the story will appear on, so a cached copy must be purged for it to show.
    await Promise.all(['/', `/${section}/`, '/rss.xml', `/search/?q=${word}`].map((p) => get(`${base}${p}`).catch(() => undefined)));
    const has = (res) => res.status === 200 && res.body.toString('utf8').includes(slug);
    const t0 = performance.now();
    writeFileSync(path.join(contentDir, 'articles', `${slug}.mdx`), liveStory({ slug, section, author, word, publishedAt: new Date(Date.now() - 60_000) }));
    const [page, home, sectionPage, feed, search] = await Promise.all([
      until(base, storyPath, (res) => res.status === 200, t0),
      until(base, '/', has, t0),
      until(base, `/${section}/`, has, t0),
      until(base, '/rss.xml', has, t0),
      until(base, `/search/?q=${word}`, has, t0),
    ]);
    const all = [page, home, sectionPage, feed, search];
    const overall = all.some((ms) => Number.isNaN(ms)) ? NaN : Math.max(...all);
    times.push({ page, home, section: sectionPage, feed, search, overall });
    log(`publish-to-live ${i + 1}/${samples}: ${Number.isNaN(overall) ? `NOT LIVE within ${GIVE_UP_MS / 1000} s (page, home, section, feed, search: ${all.map((ms) => fmt(ms)).join(' / ')}); the server's last output:\n${serverOutput().slice(-1500)}` : `${fmt(overall)} ms`}`);
    await sleep(500);
  }
  const ok = times.map((t) => t.overall).filter((ms) => Number.isFinite(ms));
  return { samples: times, p50Ms: percentile(ok, 50), p95Ms: percentile(ok, 95), missed: times.length - ok.length };
}
