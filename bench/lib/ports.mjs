// The ports the benchmarks listen on. The development machine is shared, so each tool has a
// fixed range of its own instead of "any free port": a leftover server is easy to find.
const BASE = Number(process.env.BENCH_PORT_BASE ?? 4450);

export const PORTS = {
  benchPglite: BASE,
  benchPostgres: BASE + 1,
  benchLarge: BASE + 2,
  mixedLoad: BASE + 3,
  lighthouse: BASE + 4, // and BASE + 5 for Chromium's debugging port
  sessions: [BASE + 6, BASE + 7, BASE + 8, BASE + 9], // bench/session-cost.mjs: four servers
};
