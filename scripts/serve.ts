// Starts the built site: Astro's Node handler behind the anonymous page cache.
// Run through `npm start` (which builds first) or `npm run serve` (uses the last build).
import http from 'node:http';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createAnonymousCache, type NodeHandler } from '../src/server/http/anonymous-cache.ts';

const outDir = process.env.MASTHEAD_OUT_DIR ?? 'dist';
const entry = pathToFileURL(path.resolve(outDir, 'server/entry.mjs'));
if (!existsSync(entry)) {
  console.error(`No build found in ${outDir}/. Run \`npm start\` (builds, then serves) or \`npm run build\` first.`);
  process.exit(1);
}
process.env.ASTRO_NODE_AUTOSTART = 'disabled';
const { handler } = (await import(entry.href)) as { handler: NodeHandler };

const port = Number(process.env.PORT ?? 4321);
const host = process.env.HOST ?? '127.0.0.1';
const cache = createAnonymousCache({
  maxEntries: 2000,
  maxBodyBytes: 512 * 1024,
  maxSeconds: Number(process.env.ANONYMOUS_CACHE_SECONDS ?? 60),
  clock: Date.now,
});

const server = http.createServer(cache.wrap(handler));
server.keepAliveTimeout = 5000;
server.listen(port, host, () => {
  const siteUrl = process.env.SITE_URL ?? `http://localhost:${port}`;
  console.log(`Masthead is serving on http://${host === '0.0.0.0' ? 'localhost' : host}:${port} (canonical site URL ${siteUrl})`);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 3000).unref();
  });
}
