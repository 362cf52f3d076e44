// Load rows for bench/live-collection.mjs: autocannon over one list of story paths under a
// page's prefix, with the server's CPU time per answered request beside the latencies.
import autocannon from 'autocannon';
import { median, percentile, processCpuMs, summarize } from '../lib/harness.mjs';

/**
 * autocannon for `seconds`, keeping every response time: its own histogram rounds them to
 * whole milliseconds, too coarse for a page answered in one or two.
 */
function cannonWithTimes(options) {
  const times = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon(options, (error, result) => (error ? reject(error) : resolve({ result, times })));
    instance.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime));
  });
}

/** One autocannon run over `prefix` + each path; every answer must be a 200. */
export async function loadRow({ server, prefix, paths, connections, seconds }) {
  const cpuBefore = processCpuMs(server.child.pid);
  const requests = paths.map((p) => ({ method: 'GET', path: `${prefix}${p}` }));
  const { result, times } = await cannonWithTimes({ url: server.base, connections, duration: seconds, requests });
  const cpuMs = processCpuMs(server.child.pid) - cpuBefore;
  const s = summarize(result);
  const failed = s.non2xx + s.errors + s.timeouts;
  if (failed > 0) throw new Error(`${prefix} at ${connections} connection(s): ${failed} of ${s.requests} requests failed (${JSON.stringify(s.statusCodes)})`);
  return { reqPerSec: s.reqPerSec, p50Ms: percentile(times, 50), p99Ms: percentile(times, 99), requests: s.requests, cpuUsPerReq: s.requests > 0 ? (cpuMs * 1000) / s.requests : NaN };
}

/**
 * Every path once under each prefix, then `seconds` of load on each (not recorded): the
 * server's code is compiled by the JIT and its database warm before the first round.
 */
export async function warmUp({ server, prefixes, paths, seconds }) {
  for (const p of paths) for (const prefix of prefixes) await (await fetch(`${server.base}${prefix}${p}`)).arrayBuffer();
  for (const prefix of prefixes) await loadRow({ server, prefix, paths, connections: 8, seconds });
}

/**
 * `rounds` rounds; in each, every target at every connection count, the targets' order
 * turning each round so neither always runs first. Returns runs[target][connections] = rows.
 */
export async function interleavedRounds({ server, targets, paths, connectionCounts, seconds, rounds, onRow }) {
  const runs = Object.fromEntries(targets.map((t) => [t.name, Object.fromEntries(connectionCounts.map((c) => [c, []]))]));
  for (let round = 0; round < rounds; round++) {
    for (const connections of connectionCounts) {
      const order = targets.map((_, i) => targets[(i + round) % targets.length]);
      for (const target of order) {
        const row = await loadRow({ server, prefix: target.prefix, paths, connections, seconds });
        runs[target.name][connections].push(row);
        onRow?.({ round, connections, target: target.name, row });
      }
    }
  }
  return runs;
}

/** The median of each figure over a target's rounds at one connection count. */
export function medianRow(rows) {
  const of = (key) => median(rows.map((r) => r[key]));
  return { reqPerSec: of('reqPerSec'), p50Ms: of('p50Ms'), p99Ms: of('p99Ms'), cpuUsPerReq: of('cpuUsPerReq'), rounds: rows.length };
}
