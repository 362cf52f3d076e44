// Sums a V8 CPU profile (node --cpu-prof) by where the time went: each sample is charged to
// the first frame, from the running function up its callers, that belongs to a known part
// (the database driver, the query builder, the session and entitlement rules, the page
// assembly, Astro's renderer, Node's HTTP and sockets); what none claims is "other".
// Only the samples inside `window` ({ fromUs, toUs } on the monotonic clock the profiler and
// process.hrtime share on Linux) are counted, when one is given.
// Pure: the profile in, a list of { part, ms, share } out.

/** Parts in the order they are tried on each frame; the first whose test matches claims it. */
export const PARTS = [
  { part: 'database: PGlite (in this process)', test: (url) => url.includes('@electric-sql/pglite') },
  { part: 'database: postgres driver', test: (url) => url.includes('/node_modules/postgres/') },
  { part: 'database: drizzle query layer', test: (url) => url.includes('/node_modules/drizzle-orm/') },
  { part: 'session and entitlement (token hash, rules)', test: (url) => /\/src\/(lib\/auth|lib\/paywall\/(entitlement|membership)|server\/paywall\/reader-for-page|server\/auth)\//.test(url) || url.includes('/src/server/paywall/reader-for-page') || url.includes('@oslojs') },
  { part: 'assembly (frame, offer, tools)', test: (url) => /\/src\/(lib\/page-frame|server\/http\/signed-in-pages|lib\/paywall\/locked-offer-html|lib\/http\/html-escape)/.test(url) },
  { part: 'Astro rendering (full render)', test: (url) => url.includes('/server/chunks/') || url.includes('/server/entry.mjs') || url.includes('/node_modules/astro/') || url.includes('/node_modules/@astrojs/') },
  { part: 'Node HTTP and sockets', test: (url) => /^node:(_http_|http|net|internal\/(http|stream|streams|net|js_stream)|stream)/.test(url) },
];

const SPECIAL = new Map([['(garbage collector)', 'garbage collection'], ['(idle)', 'idle'], ['(program)', 'V8 and Node outside JavaScript']]);

export function summarizeCpuProfile(profile, window) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
  const partOf = new Map();
  const classify = (id) => {
    if (partOf.has(id)) return partOf.get(id);
    const leaf = byId.get(id);
    let found = SPECIAL.get(leaf?.callFrame.functionName);
    for (let at = id; !found && at !== undefined; at = parent.get(at)) {
      const url = byId.get(at)?.callFrame.url ?? '';
      found = PARTS.find((p) => p.test(url))?.part;
    }
    found ??= 'other (event loop, timers, the start script)';
    partOf.set(id, found);
    return found;
  };
  const totals = new Map();
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    if (window && (at < window.fromUs || at > window.toUs)) return;
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    const part = classify(id);
    totals.set(part, (totals.get(part) ?? 0) + ms);
  });
  const busy = [...totals].filter(([part]) => part !== 'idle').reduce((sum, [, ms]) => sum + ms, 0);
  return {
    busyMs: busy,
    idleMs: totals.get('idle') ?? 0,
    parts: [...totals]
      .filter(([part]) => part !== 'idle')
      .map(([part, ms]) => ({ part, ms, share: busy > 0 ? ms / busy : 0 }))
      .sort((a, b) => b.ms - a.ms),
  };
}
