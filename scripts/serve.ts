// Starts the built site: opens the database (migrating the embedded one; refusing a
// PostgreSQL schema that is behind), then serves Astro's Node handler behind the anonymous
// page cache. Run through `npm start` (which builds first) or `npm run serve`.
import http from 'node:http';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createAnonymousCache, type NodeHandler } from '../src/server/http/anonymous-cache.ts';
import { readServerEnv } from '../src/server/config/server-env.ts';
import { startDatabase } from '../src/server/db/start-database.ts';
import { provideDatabase } from '../src/server/db/database.ts';
import { ensureMailWorker, stopMailWorker } from '../src/server/mail/process-mail-worker.ts';
import { now } from '../src/server/content/clock.ts';
import { originAsSeenByApp } from '../src/server/http/forwarded-origin.ts';
import { applySecurityHeaders } from '../src/server/http/security-headers.ts';
import { closeAfterUnreadBody, listBuiltAssets, requestRefusal, sendRefusal } from '../src/server/http/request-guards.ts';
import { startAccountUpkeep } from '../src/server/auth/account-upkeep.ts';
import { admitSignIn } from '../src/server/auth/sign-in-admission.ts';

function fail(message: string): never {
  console.error(`\nMasthead cannot start: ${message}\n`);
  process.exit(1);
}

const outDir = process.env.MASTHEAD_OUT_DIR ?? 'dist';
const entry = pathToFileURL(path.resolve(outDir, 'server/entry.mjs'));
if (!existsSync(entry)) fail(`no build found in ${outDir}/. Run \`npm start\` (builds, then serves) or \`npm run build\` first.`);

let env;
try {
  env = readServerEnv();
} catch (error) {
  fail((error as Error).message);
}

if (env.production && process.env.MASTHEAD_CLOCK_FILE) fail('MASTHEAD_CLOCK_FILE moves the clock for tests and is refused in production. Remove it.');

const started = await startDatabase(env).catch((error: Error) => fail(error.message));
provideDatabase(Promise.resolve(started.database));
console.log(`Database: ${started.database.kind === 'pglite' ? `embedded (PGlite) in ${started.database.location}` : `PostgreSQL at ${started.database.location}`}`);
if (started.demoAccounts.length > 0) {
  console.log('Demo accounts (created on this first start; not in production):');
  for (const a of started.demoAccounts) console.log(`  ${a.describe.padEnd(26)} ${a.email}  password: ${a.password}`);
}
const stopUpkeep = startAccountUpkeep(started.database.db, now, (line) => console.log(line));
if (!env.smtpUrl) console.log(`E-mail: no SMTP_URL, so messages are written to ${env.outboxDir} and their links printed here.`);
// The outbox is sent from the start, so mail left by an earlier run (or a crash) goes out now.
ensureMailWorker(started.database.db, env);

process.env.ASTRO_NODE_AUTOSTART = 'disabled';
const { handler } = (await import(entry.href)) as { handler: NodeHandler };

const port = Number(process.env.PORT ?? 4321);
const host = process.env.HOST ?? '127.0.0.1';
const cache = createAnonymousCache({
  maxEntries: 2000,
  maxBodyBytes: 512 * 1024,
  maxSeconds: Number(process.env.ANONYMOUS_CACHE_SECONDS ?? 60),
  // The site's own clock, so a moved test clock also ages cached pages.
  clock: () => now().getTime(),
});

const app = cache.wrap(handler);
const builtAssets = listBuiltAssets(path.resolve(outDir, 'client'));
const server = http.createServer((req, res) => {
  // First, so refusals, cache hits and static files carry the headers too.
  applySecurityHeaders(res, { production: env.production });
  closeAfterUnreadBody(req, res);
  const refused = requestRefusal(req, builtAssets);
  if (refused) return sendRefusal(res, refused, req.method);
  // A burst of password guesses is answered here, before Astro does any work for it.
  if (!admitSignIn(req, res, env.publicationName)) return;
  originAsSeenByApp(req.headers, env.trustProxy);
  app(req, res);
});
server.keepAliveTimeout = 5000;
server.listen(port, host, () => {
  const shown = host === '0.0.0.0' || host === '127.0.0.1' ? 'localhost' : host;
  console.log(`Masthead is serving on http://${shown}:${port} (canonical site URL ${env.siteUrl})`);
});

// On SIGTERM: stop taking connections, let the requests in flight finish (idle keep-alive
// connections are closed at once), stop the mail worker, then close the database. A request still running after
// SHUTDOWN_GRACE_MS is cut off rather than holding a rollout up.
const SHUTDOWN_GRACE_MS = 10_000;
let stopping = false;
async function shutdown() {
  if (stopping) return;
  stopping = true;
  stopUpkeep();
  setTimeout(() => process.exit(0), SHUTDOWN_GRACE_MS).unref();
  const drained = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  await drained;
  // The mail job in hand is finished; the rest stay in the outbox for the next start or another instance.
  await stopMailWorker().catch(() => {});
  await started.database.close().catch(() => {});
  process.exit(0);
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void shutdown());
