// The `npm run bench:archive` results as markdown: printed, and written to
// bench/results/archive-latest.md, ready to paste into docs/performance.md.
import { fmt } from './harness.mjs';

const ms = (n) => (Number.isFinite(n) ? fmt(n, n < 10 ? 1 : 0) : 'n/a');
const s = (n) => (Number.isFinite(n) ? `${fmt(n, n < 10 ? 2 : 1)} s` : 'n/a');
const mb = (n) => (Number.isFinite(n) ? `${fmt(n)} MB` : 'n/a');
const kb = (bytes) => (Number.isFinite(bytes) ? `${fmt(bytes / 1024, 1)} KB` : 'n/a');
const cell = (text) => String(text).replace(/\|/g, '/').split('\n')[0];
const pair = (row) => (row ? `${ms(row.p50Ms)} / ${ms(row.p99Ms)}${row.failed ? ` (${fmt(row.failed)} failed)` : ''}` : 'n/a');

function runRows(runs) {
  const head = ['| archive | database | ingest (content:sync) | re-sync, nothing changed | start to first 200 | RSS after warm-up | RSS after load | mixed load p50/p99 ms, req/s | article, one client, p50/p99 ms | search, one client, p50/p99 ms | article p50/p99 ms | section p1 p50/p99 ms | section deep page p50/p99 ms | search p50/p99 ms | feed | sitemap | publish-to-live p50 / p95 |', `|${' --- |'.repeat(17)}`];
  const lines = [...head];
  for (const r of runs) {
    if (r.error) {
      lines.push(`| ${fmt(r.size)} | ${r.database} | FAILED: ${cell(r.error)} |${' |'.repeat(14)}`);
      continue;
    }
    const sitemap = r.sitemap ? `${ms(r.sitemap.top.medianMs)} ms, ${kb(r.sitemap.top.bytes)}${r.sitemap.isIndex ? `; index of ${r.sitemap.parts}, first part ${ms(r.sitemap.firstPart?.medianMs)} ms, ${kb(r.sitemap.firstPart?.bytes)}` : ''}` : 'n/a';
    const publish = r.publish ? `${ms(r.publish.p50Ms)} / ${ms(r.publish.p95Ms)} ms${r.publish.missed ? ` (${r.publish.missed} not live in 30 s)` : ''}` : 'n/a';
    lines.push(
      `| ${fmt(r.size)} | ${r.database} | ${s(r.ingest?.seconds)}${Number.isFinite(r.ingest?.peakRssMb) ? `, peak ${mb(r.ingest.peakRssMb)}` : ''}${r.ingestedBy ? ` (run of ${r.ingestedBy.slice(0, 16).replace('T', ' ')} UTC, --keep)` : ''} | ${s(r.resync?.seconds)} | ${s(r.startSeconds)}; start-up sync done at ${s(r.startupSyncDoneSeconds)} (watching: first 200 ${s(r.watchStartSeconds)}, watcher on at ${s(r.watchReadySeconds)}) | ${mb(r.rssWarmMb)} | ${mb(r.rssAfterLoadMb)} | ${pair(r.load)}, ${fmt(r.load?.reqPerSec)} | ${pair(r.rows?.articleOneClient)} | ${pair(r.rows?.searchOneClient)} | ${pair(r.rows?.article)} | ${pair(r.rows?.sectionFirst)} | ${pair(r.rows?.sectionDeep)} (page ${r.deepPage ?? '?'}) | ${pair(r.rows?.search)} | ${r.feed ? `${ms(r.feed.medianMs)} ms, ${kb(r.feed.bytes)}` : 'n/a'} | ${sitemap} | ${publish} |`,
    );
  }
  return lines;
}

function stepRows(runs, generated) {
  const lines = ['| step | time |', '| --- | ---: |'];
  for (const g of generated) lines.push(`| generate ${fmt(g.size)} stories (${fmt(g.averageWords)} words on average) | ${s(g.seconds)} |`);
  for (const r of runs) for (const [step, secs] of Object.entries(r.steps ?? {})) lines.push(`| ${fmt(r.size)} on ${r.database}: ${step} | ${s(secs)} |`);
  return lines;
}

export function renderArchiveReport(result) {
  const o = result.options;
  const m = result.machine;
  return [
    `### \`npm run bench:archive\`, ${result.date.slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `${m.cpus} × ${m.cpuModel}, ${fmt(m.memGb, 1)} GB RAM, Node ${m.node}; load average at start ${m.loadAverage.map((x) => x.toFixed(1)).join(' ')}. ` +
      `Sizes ${o.sizes.map((n) => fmt(n)).join(', ')}; ${o.connections} connections; ${o.seconds} s per latency row; mixed read load ${o.loadSeconds} s; ${o.publishSamples} publish-to-live samples. ` +
      `Build: ${result.build}.`,
    '',
    ...runRows(result.runs),
    '',
    '*Latency rows* run with the server\'s anonymous cache off (`ANONYMOUS_CACHE_SECONDS=0`, `CONTENT_WATCH=false`): every answer is rendered. The *one client* rows send one request at a time (the time a reader waits when the server is not queueing others); the others use the connections above. ' +
      '*Start to first 200*: spawn of `scripts/serve.ts` to the first 200 on `/`; the server then takes the content folder in again in the background (every file unchanged, as content:sync ran), and "start-up sync done" is when it says so: the measurements start after it; "watching" is the second start, with `CONTENT_WATCH=true` and the cache as shipped (60 s), used for publish-to-live, and "watcher on" when it printed that it watches the folder (it takes the folder in first). ' +
      '*Feed* and *sitemap*: median of sequential fetches, cache off. *Publish-to-live*: a new file written into the content folder until the story shows on its page, the home page, its section, `/rss.xml` and search (all five), with those pages cached beforehand.',
    '',
    '**How long each step took**',
    '',
    ...stepRows(result.runs, result.generated),
    '',
  ].join('\n');
}
