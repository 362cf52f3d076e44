// A closed-loop load generator for requests autocannon cannot vary or check: `concurrency`
// workers each send one request, wait for the answer, check it, and send the next, until
// the time is up or `next()` has nothing left. Used for unlocks and sign-ins, where every
// request needs its own reader, story or body, and the right answer is a 303, not a 2xx.
import { percentile } from './harness.mjs';

/**
 * `next(i)` returns a request spec `{ kind, send: () => Promise<{ ok: boolean, status, detail? }> }`
 * or null when the work is used up. Latency is measured around `send`. A request that throws
 * (socket error) or takes longer than `timeoutMs` counts as an error.
 */
export async function runLoop({ seconds, concurrency, next, timeoutMs = 10_000, onSample }) {
  const byKind = new Map();
  const kindOf = (kind) => {
    let k = byKind.get(kind);
    if (!k) byKind.set(kind, (k = { latenciesMs: [], ok: 0, bad: 0, errors: 0, timeouts: 0, statuses: {}, examples: [] }));
    return k;
  };
  const started = performance.now();
  const deadline = started + seconds * 1000;
  let issued = 0;
  let exhausted = false;
  const worker = async () => {
    while (performance.now() < deadline) {
      const spec = next(issued++);
      if (!spec) {
        exhausted = true;
        return;
      }
      const k = kindOf(spec.kind);
      const t0 = performance.now();
      let timer;
      try {
        const timeout = new Promise((_, reject) => {
          timer = setTimeout(() => reject(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { timeout: true })), timeoutMs);
        });
        const r = await Promise.race([spec.send(), timeout]);
        const ms = performance.now() - t0;
        k.statuses[r.status] = (k.statuses[r.status] ?? 0) + 1;
        if (r.ok) {
          k.ok += 1;
          k.latenciesMs.push(ms);
        } else {
          k.bad += 1;
          if (k.examples.length < 5) k.examples.push(`status ${r.status}${r.detail ? `: ${r.detail}` : ''}`);
        }
        onSample?.(spec.kind, ms, r.ok);
      } catch (error) {
        if (error.timeout) k.timeouts += 1;
        else k.errors += 1;
        if (k.examples.length < 5) k.examples.push(String(error.cause?.code ?? error.message ?? error));
      } finally {
        clearTimeout(timer);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const durationSeconds = (performance.now() - started) / 1000;
  const kinds = {};
  for (const [kind, k] of byKind) kinds[kind] = summarizeKind(k, durationSeconds);
  return { durationSeconds, exhausted, kinds };
}

export function summarizeKind(k, durationSeconds) {
  const requests = k.ok + k.bad + k.errors + k.timeouts;
  return {
    requests,
    reqPerSec: requests / durationSeconds,
    p50Ms: percentile(k.latenciesMs, 50),
    p99Ms: percentile(k.latenciesMs, 99),
    unexpected: k.bad,
    errors: k.errors,
    timeouts: k.timeouts,
    statuses: k.statuses,
    examples: k.examples,
  };
}
