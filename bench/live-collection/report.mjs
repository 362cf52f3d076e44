// The table bench/live-collection.mjs prints: per database and connection count, the median
// of each page's rounds, then what the live collection (and the route cache) changed
// against the direct read.
import { fmt } from '../lib/harness.mjs';
import { medianRow } from './measure.mjs';

const pct = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b !== 0 ? `${a >= b ? '+' : ''}${fmt(((a - b) / b) * 100, 1)} %` : 'n/a');
const signed = (n, digits = 0) => (Number.isFinite(n) ? `${n >= 0 ? '+' : ''}${fmt(n, digits)}` : 'n/a');

const PAGES = [
  ['live', 'A: live collection (getLiveEntry + render)'],
  ['direct', 'B: direct read (set:html)'],
  ['cached', 'B with Astro route cache (hits)'],
];

/** Markdown lines for one database's runs (`runs.cached` may be missing). */
export function renderDatabaseReport({ database, runs, connectionCounts }) {
  const lines = [`#### ${database}`, '', '| connections | page | req/s | p50 ms | p99 ms | server CPU µs/req |', '| ---: | --- | ---: | ---: | ---: | ---: |'];
  for (const c of connectionCounts) {
    for (const [name, label] of PAGES) {
      if (!runs[name]) continue;
      const m = medianRow(runs[name][c]);
      lines.push(`| ${c} | ${label} | ${fmt(m.reqPerSec)} | ${fmt(m.p50Ms, 2)} | ${fmt(m.p99Ms, 1)} | ${fmt(m.cpuUsPerReq)} |`);
    }
  }
  lines.push('', '| connections | live against direct: req/s | p50 | p99 | CPU µs/req | every round\'s CPU µs/req, live / direct |', '| ---: | ---: | ---: | ---: | ---: | --- |');
  for (const c of connectionCounts) {
    const a = medianRow(runs.live[c]);
    const b = medianRow(runs.direct[c]);
    const perRound = runs.live[c].map((r, i) => `${fmt(r.cpuUsPerReq)} / ${fmt(runs.direct[c][i]?.cpuUsPerReq)}`).join(', ');
    lines.push(`| ${c} | ${pct(a.reqPerSec, b.reqPerSec)} | ${signed(a.p50Ms - b.p50Ms, 2)} ms | ${signed(a.p99Ms - b.p99Ms, 1)} ms | ${signed(a.cpuUsPerReq - b.cpuUsPerReq)} | ${perRound} |`);
  }
  if (runs.cached) {
    lines.push('');
    for (const c of connectionCounts) {
      const b = medianRow(runs.direct[c]);
      const h = medianRow(runs.cached[c]);
      lines.push(`- ${c} connection(s): route cache hits ${fmt(h.reqPerSec / b.reqPerSec, 1)}x the direct page's req/s, p50 ${fmt(h.p50Ms, 2)} against ${fmt(b.p50Ms, 2)} ms, ${fmt(h.cpuUsPerReq)} against ${fmt(b.cpuUsPerReq)} CPU µs/req.`);
    }
  }
  return lines;
}
