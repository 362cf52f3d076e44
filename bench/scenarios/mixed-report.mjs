// The figures of `npm run bench:load` as markdown: requests, failures and latency per kind,
// the server's memory in the first and the last minute of the load, and the ledger check.
import { fmt } from '../lib/harness.mjs';

const ms = (n) => (Number.isFinite(n) ? fmt(n, n < 10 ? 1 : 0) : 'n/a');
const mean = (xs) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);

/** Samples taken during the load, split into the first and the last window (a minute, or half of a shorter run). */
export function memoryWindows(samples, loadStartedAt, seconds) {
  const during = samples.map((s) => ({ ...s, t: (s.receivedAt - loadStartedAt) / 1000 })).filter((s) => s.t >= 0 && s.t <= seconds + 1);
  const window = Math.min(60, seconds / 2);
  const stats = (xs) => ({
    samples: xs.length,
    rssMeanMb: mean(xs.map((s) => s.rssMb)),
    rssMaxMb: Math.max(...xs.map((s) => s.rssMb)),
    heapUsedMeanMb: mean(xs.map((s) => s.heapUsedMb)),
    heapUsedMaxMb: Math.max(...xs.map((s) => s.heapUsedMb)),
  });
  return {
    windowSeconds: window,
    first: stats(during.filter((s) => s.t <= window)),
    last: stats(during.filter((s) => s.t >= seconds - window)),
    all: stats(during),
    timeline: during.map((s) => ({ t: Math.round(s.t), rssMb: s.rssMb, heapUsedMb: s.heapUsedMb, externalMb: s.externalMb })),
  };
}

export function renderMixedReport(r) {
  const lines = [
    `### \`npm run bench:load\`, ${r.date.slice(0, 16).replace('T', ' ')} UTC, ${r.database}`,
    '',
    `${r.machine.cpus} × ${r.machine.cpuModel}, Node ${r.machine.node}, load average at start ${r.machine.loadAverage.map((x) => x.toFixed(1)).join(' ')}. ` +
      `${fmt(r.durationSeconds)} s, ${r.options.connections} concurrent clients (closed loop), mix read/sign-in/unlock ${r.options.mix}; ` +
      `${fmt(r.readers)} fresh readers with ${r.credits} credits each, ${r.stories} stories.`,
    '',
    '| kind | requests | req/s | p50 ms | p99 ms | failed |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const [kind, k] of Object.entries(r.kinds).sort()) {
    lines.push(`| ${kind} | ${fmt(k.requests)} | ${fmt(k.reqPerSec, 1)} | ${ms(k.p50Ms)} | ${ms(k.p99Ms)} | ${fmt(k.unexpected + k.errors + k.timeouts)} |`);
  }
  const t = r.totals;
  lines.push(`| **all** | ${fmt(t.requests)} | ${fmt(t.requests / r.durationSeconds, 1)} | | | ${fmt(t.failed)} |`, '');
  lines.push(
    `Failures: ${t.failed === 0 ? '**none**' : `**${fmt(t.failed)}**`} (${fmt(t.unexpected)} unexpected answers, ${fmt(t.errors)} socket errors, ${fmt(t.timeouts)} timeouts)` +
      `${t.examples.length ? `; examples: ${t.examples.join('; ')}` : ''}.${r.poolExhausted ? ' The unlock pool ran out before the end: raise the readers.' : ''}`,
    '',
  );
  const m = r.memory;
  lines.push(
    `**Server memory**, sampled every ${r.options.sampleSeconds} s inside the server (${m.all.samples} samples):`,
    '',
    `| | RSS mean | RSS max | heap used mean | heap used max |`,
    `| --- | ---: | ---: | ---: | ---: |`,
    `| first ${fmt(m.windowSeconds)} s | ${fmt(m.first.rssMeanMb)} MB | ${fmt(m.first.rssMaxMb)} MB | ${fmt(m.first.heapUsedMeanMb)} MB | ${fmt(m.first.heapUsedMaxMb)} MB |`,
    `| last ${fmt(m.windowSeconds)} s | ${fmt(m.last.rssMeanMb)} MB | ${fmt(m.last.rssMaxMb)} MB | ${fmt(m.last.heapUsedMeanMb)} MB | ${fmt(m.last.heapUsedMaxMb)} MB |`,
    `| whole run | ${fmt(m.all.rssMeanMb)} MB | ${fmt(m.all.rssMaxMb)} MB | ${fmt(m.all.heapUsedMeanMb)} MB | ${fmt(m.all.heapUsedMaxMb)} MB |`,
    '',
  );
  const c = r.ledger;
  lines.push(
    `**Ledger check** (after the server stopped): ${c.ok ? '**passed**' : '**FAILED**'}. ${fmt(c.accountsChecked)} bench accounts; ` +
      `balances different from their ledger sum: ${c.unbalancedAccounts}; (reader, story) pairs debited more than once: ${c.doubleDebits}; ` +
      `unlocks without a debit: ${c.unlocksWithoutDebit}; debits without an unlock: ${c.debitsWithoutUnlock}; negative balances: ${c.negativeBalances}; ` +
      `unlock rows ${fmt(c.unlockRows)} = unlocks answered 303 ${fmt(c.unlocksAnswered303)}: ${c.unlockRows === c.unlocksAnswered303 ? 'yes' : 'NO'}.`,
    '',
  );
  return lines.join('\n');
}
