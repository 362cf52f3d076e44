// The large site: N generated stories, built cold (timed), served on PGlite, and the server's
// memory after it has rendered the home page, a section and a story, and again after a load
// round over many different stories (so the anonymous cache and the renderer both fill up).
import path from 'node:path';
import { generateStories } from '../generate-stories.mjs';
import { buildSite, cannon, fmt, get, log, sleep, startServer, stopChild, summarize } from '../lib/harness.mjs';
import { processRssMb } from '../lib/memory.mjs';
import { checkTeaserShown } from '../lib/page-checks.mjs';
import { sitemapStories } from '../lib/site-stories.mjs';
import { withLockedParts } from '../lib/story-expectations.mjs';
import { requirePassed, storyPage } from './row-checks.mjs';

const LOAD_PATHS = 200;

/** RSS of a server after it has rendered `/`, the story's section and the story. */
export async function warmFootprint(server, articlePath) {
  const started = processRssMb(server.child.pid);
  const firstRenderMs = [];
  for (const p of ['/', `/${articlePath.split('/')[1]}/`, articlePath]) {
    const res = await get(server.base + p);
    if (res.status !== 200) throw new Error(`${p} answered ${res.status} on ${server.label}`);
    firstRenderMs.push(Math.round(res.ms));
  }
  await sleep(300);
  return { atStartMb: started.rssMb, afterWarmMb: processRssMb(server.child.pid).rssMb, firstRenderMs };
}

/** A load round over up to LOAD_PATHS different pages (autocannon cycles through them). */
export async function loadRound(server, paths, { connections, seconds }) {
  const requests = paths.slice(0, LOAD_PATHS).map((p) => ({ method: 'GET', path: p }));
  const s = summarize(await cannon({ url: server.base, connections, seconds, requests }));
  await sleep(300);
  const mem = processRssMb(server.child.pid);
  return { afterLoadMb: mem.rssMb, peakMb: mem.peakMb, loadReqPerSec: s.reqPerSec, loadRequests: s.requests, loadFailures: s.non2xx + s.errors + s.timeouts, pages: requests.length };
}

export async function measureLargeSite({ stories, sampleContent, workDir, port, connections, seconds }) {
  const contentDir = path.join(workDir, 'large-content');
  const t0 = performance.now();
  const gen = generateStories({ count: stories, out: contentDir, from: sampleContent });
  log(`generated ${fmt(gen.count)} stories (about ${gen.averageWords} words each) in ${fmt((performance.now() - t0) / 1000, 1)} s`);
  const outDir = path.join(workDir, 'large-out');
  const build = await buildSite({ label: `${gen.count}-stories`, contentDir, outDir, tmp: workDir });
  const server = await startServer({ label: 'large', outDir, port, env: { MASTHEAD_CONTENT_DIR: contentDir, DATA_DIR: path.join(workDir, 'data-large'), DATABASE_URL: '', SMTP_URL: '', ANONYMOUS_CACHE_SECONDS: '60' } });
  try {
    const articlePath = `/${gen.newest.section}/${gen.newest.slug}/`;
    const warm = await warmFootprint(server, articlePath);
    // The story measured is a story page with its offer, not an error page that answers 200.
    const [newest] = withLockedParts([{ path: articlePath, slug: gen.newest.slug }], contentDir);
    requirePassed(checkTeaserShown(await storyPage(server.base, newest), newest, { state: 'anonymous' }), `the anonymous ${articlePath} of the large site`);
    const all = (await sitemapStories(server.base)).map((s) => s.path);
    const load = await loadRound(server, all, { connections, seconds });
    return { stories: gen.count, buildSeconds: build.wallSeconds, buildPeakRssMb: build.peakRssMb, ...warm, ...load };
  } finally {
    await stopChild(server);
  }
}
