// The `npm run bench` results as markdown: printed as is (it reads fine in a terminal) and
// written to bench/results/latest.md, ready to paste into docs/performance.md.
import { fmt } from './harness.mjs';
import { WEIGHT_GOALS } from './page-weight.mjs';

const ms = (n) => (Number.isFinite(n) ? fmt(n, n < 10 ? 1 : 0) : 'n/a');
const mb = (n) => (Number.isFinite(n) ? `${fmt(n)} MB` : 'n/a');
const KB = 1024;

function loadTable(r) {
  const lines = [
    '| database | what | req/s | p50 ms | p99 ms | / static | requests | failed |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const db of r.databases) {
    if (db.error) {
      lines.push(`| ${db.name} | not measured: ${db.error.replace(/\|/g, '/').split('\n')[0]} | – | – | – | – | – | – |`);
      continue;
    }
    for (const row of Object.values(db.rows)) {
      const note = row.poolExhausted ? ' (ran out of unlock pairs)' : '';
      lines.push(
        `| ${db.name} | ${row.label}${note} | ${fmt(row.reqPerSec)} | ${ms(row.p50Ms)} | ${ms(row.p99Ms)} | ${fmt(row.ratio, 3)} | ${fmt(row.requests)} | ${fmt(row.failures)} |`,
      );
    }
  }
  return lines;
}

function memoryTable(r) {
  const lines = ['| server | at start | after /, a section, a story | after the load | peak (VmHWM) |', '| --- | ---: | ---: | ---: | ---: |'];
  for (const m of r.memory) lines.push(`| ${m.label} | ${mb(m.atStartMb)} | ${mb(m.afterWarmMb)} | ${mb(m.afterLoadMb)} | ${mb(m.peakMb)} |`);
  return lines;
}

function buildTable(r) {
  const lines = ['| content | astro build (cold cache), s | peak RSS of the build |', '| --- | ---: | ---: |'];
  const sb = r.sampleBuild;
  lines.push(`| sample content (${sb.articles} stories) | ${sb.wallSeconds ? fmt(sb.wallSeconds, 1) : 'not built (--no-build)'} | ${mb(sb.peakRssMb)} |`);
  if (r.large?.error) lines.push(`| ${fmt(r.options.stories)} generated stories | FAILED: ${r.large.error.split('\n')[0]} | |`);
  else if (r.large) lines.push(`| ${fmt(r.large.stories)} generated stories | ${fmt(r.large.buildSeconds, 1)} | ${mb(r.large.buildPeakRssMb)} |`);
  else lines.push(`| generated stories | skipped (--skip-large) | |`);
  return lines;
}

export function renderReport(r) {
  const o = r.options;
  const w = r.weight;
  const lines = [
    `### \`npm run bench\`, ${r.date.slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `${r.machine.cpus} × ${r.machine.cpuModel}, ${fmt(r.machine.memGb, 1)} GB RAM, Node ${r.machine.node}; load average at start ${r.machine.loadAverage.map((x) => x.toFixed(1)).join(' ')}. ` +
      `${o.connections} connections, ${o.rounds} round(s) × ${o.seconds} s per row, median over rounds. Article: \`${r.articlePath}\` (${fmt(r.articleBytes)} bytes).`,
    '',
    ...loadTable(r),
    '',
    '*/ static*: the row\'s req/s over the static ceiling of the same server. *failed*: any answer other than the expected one (200; 303 with a cookie for sign-in; 303 to `#key-insights` for unlock), socket errors and timeouts.',
    '',
    '**Server memory** (RSS of the server process; PGlite runs inside it)',
    '',
    ...memoryTable(r),
    '',
    '**Build**',
    '',
    ...buildTable(r),
    '',
  ];
  if (w) {
    lines.push(
      `**Article page weight**: HTML + CSS ${fmt(w.htmlPlusCssBytes / KB, 1)} KB (goal ≤ ${WEIGHT_GOALS.htmlCssKb}), ` +
        `JS ${fmt(w.jsBytes / KB, 1)} KB (goal ≤ ${WEIGHT_GOALS.jsKb}), HTML gzip -9 ${fmt(w.htmlGzipBytes / KB, 1)} KB.`,
      '',
    );
  }
  return lines.join('\n');
}
