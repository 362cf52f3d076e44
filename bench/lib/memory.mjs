// A server's memory seen from outside (/proc: resident set and its peak) and from inside (the
// heap, through bench/lib/memory-probe.mjs preloaded into the server, which prints a line).
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const MEMORY_PROBE = path.join(import.meta.dirname, 'memory-probe.mjs');
const PROBE_TAG = '[bench-memory] ';

/** VmRSS and VmHWM (peak) of one process, in MB; NaN without /proc. */
export function processRssMb(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name) => Number(new RegExp(`${name}:\\s+(\\d+)\\s+kB`).exec(status)?.[1] ?? NaN) / 1024;
    return { rssMb: field('VmRSS'), peakMb: field('VmHWM') };
  } catch {
    return { rssMb: NaN, peakMb: NaN };
  }
}

/**
 * Node arguments that preload the probe: it prints the server's process.memoryUsage() every
 * `intervalMs` on stderr. Pair with watchProbe(server) to collect the samples.
 */
export const probeNodeArgs = () => ['--import', MEMORY_PROBE];
export const probeEnv = (intervalMs) => ({ BENCH_MEMORY_INTERVAL_MS: String(intervalMs) });

/** Collects the probe's samples from a server started by harness.startServer. */
export function watchProbe(server) {
  const samples = [];
  let pending = '';
  server.child.stderr.on('data', (chunk) => {
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop();
    for (const line of lines) {
      const at = line.indexOf(PROBE_TAG);
      if (at < 0) continue;
      try {
        samples.push({ ...JSON.parse(line.slice(at + PROBE_TAG.length)), receivedAt: performance.now() });
      } catch {} // a torn line: the next sample follows in intervalMs
    }
  });
  return samples;
}
