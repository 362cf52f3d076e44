// Starts the built site: opens the database (migrating the embedded one; refusing a
// PostgreSQL schema that is behind), takes the content folder into it (and, when
// CONTENT_WATCH is on, every later change), then serves Astro's Node handler behind the
// anonymous page cache, which forgets the pages a content change touches; a signed-in reader's
// page is assembled from its kept frame when there is one (src/server/http/signed-in-pages.ts).
// Everything it says goes through the one logger (src/server/log/logger.ts), one line per
// request among them (src/server/log/request-log.ts). Run through
// `npm start` (which builds first) or `npm run serve`.
import http from 'node:http';
import { isatty } from 'node:tty';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createAnonymousCache, purgeOnContentChange, type NodeHandler } from '../src/server/http/anonymous-cache.ts';
import { readServerEnv, type ServerEnv } from '../src/server/config/server-env.ts';
import { startDatabase } from '../src/server/db/start-database.ts';
import { provideDatabase } from '../src/server/db/database.ts';
import { ensureMailWorker, stopMailWorker } from '../src/server/mail/process-mail-worker.ts';
import { now } from '../src/server/content/clock.ts';
import { originAsSeenByApp } from '../src/server/http/forwarded-origin.ts';
import { applySecurityHeaders } from '../src/server/http/security-headers.ts';
import { closeAfterUnreadBody, listBuiltAssets, requestRefusal, sendRefusal } from '../src/server/http/request-guards.ts';
import { startAccountUpkeep } from '../src/server/auth/account-upkeep.ts';
import { admitSignIn } from '../src/server/auth/sign-in-admission.ts';
import { stories } from '../db/schema/index.ts';
import type { ContentWatcher } from '../src/server/content/content-watcher.ts';
import { startScheduledPublisher } from '../src/server/content/scheduled-publisher.ts';
import { startContentChannel } from '../src/server/content/content-channel.ts';
import { configurePageFrames } from '../src/server/http/page-frames.ts';
import { createSignedInPages } from '../src/server/http/signed-in-pages.ts';
import { createReaderRowsCache } from '../src/server/paywall/reader-rows-cache.ts';
import type { PageReaderRows } from '../src/server/paywall/reader-for-page.ts';
import { readLogSettings, type LogSettings } from '../src/server/log/log-settings.ts';
import { createLogger, provideLogger } from '../src/server/log/logger.ts';
import { forwardAstroLogs } from '../src/server/log/astro-log-sink.ts';
import { openRequestRecord } from '../src/server/log/request-log.ts';
import { requestLineWriter } from '../src/server/log/request-line-writer.ts';
import { currentRequest, runInRequest, type RequestRecord } from '../src/server/log/request-record.ts';
import { startBackupChannel } from '../src/server/backup/backup-channel.ts';

let logSettings: LogSettings;
try {
  logSettings = readLogSettings(process.env, isatty(1));
} catch (error) {
  process.stderr.write(`\nMasthead cannot start: ${(error as Error).message}\n\n`);
  process.exit(1);
}
const logger = provideLogger(createLogger(logSettings));
// Astro's own messages (an error on its way to the 500 page among them) become lines of the same logger.
forwardAstroLogs();

function fail(message: string): never {
  logger.fatal(`Masthead cannot start: ${message}`);
  process.exit(1);
}

const outDir = process.env.MASTHEAD_OUT_DIR ?? 'dist';
const entry = pathToFileURL(path.resolve(outDir, 'server/entry.mjs'));
if (!existsSync(entry)) fail(`no build found in ${outDir}/. Run \`npm start\` (builds, then serves) or \`npm run build\` first.`);

let env: ServerEnv;
try {
  env = readServerEnv();
} catch (error) {
  fail((error as Error).message);
}

if (env.production && process.env.MASTHEAD_CLOCK_FILE) fail('MASTHEAD_CLOCK_FILE moves the clock for tests and is refused in production. Remove it.');
const contentFolderFound = existsSync(env.contentDir) && statSync(env.contentDir).isDirectory();
if (env.contentDirGiven && !contentFolderFound) {
  fail(`MASTHEAD_CONTENT_DIR is ${env.contentDir}, which is not a folder. Give the folder holding articles/, authors/ and sections/, or unset it for ./content.`);
}

const started = await startDatabase(env).catch((error: Error) => fail(error.message));
provideDatabase(Promise.resolve(started.database));
logger.info(`Database: ${started.database.kind === 'pglite' ? `embedded (PGlite) in ${started.database.location}` : `PostgreSQL at ${started.database.location}`}`);
if (started.demoAccounts.length > 0) {
  // For a person trying the site: the demo accounts' own fixed addresses, never a reader's.
  logger.info('Demo accounts (created on this first start; not in production):');
  for (const a of started.demoAccounts) logger.info(`  ${a.describe.padEnd(26)} ${a.email}  password: ${a.password}`);
}
// `npm run db:backup` asks this process for a snapshot of the embedded database (docs/decisions/016-embedded-database-backups.md).
const stopBackupChannel = await startBackupChannel(started.database, env.dataDir, (line) => logger.info(line));
const stopUpkeep = startAccountUpkeep(started.database.db, now, (line) => logger.info(line));
if (!env.smtpUrl) logger.info(`E-mail: no SMTP_URL, so messages are written to ${env.outboxDir} and their links printed here.`);
// The outbox is sent from the start, so mail left by an earlier run (or a crash) goes out now.
ensureMailWorker(started.database.db, env);

/** Memory for signed-in pages' frames (each about twice its page: the frame and its open locked parts). */
const PAGE_FRAME_BYTES = 32 * 1024 * 1024;
const cacheSeconds = Number(process.env.ANONYMOUS_CACHE_SECONDS ?? 60);
// The site's own clock, so a moved test clock also ages cached pages and frames.
const cacheClock = () => now().getTime();
// Signed-in pages' frames live as long as anonymous pages do (0 turns both off), in a budget
// of their own; the build's middleware keeps them, so they are configured before it loads.
configurePageFrames({ maxBytes: PAGE_FRAME_BYTES, maxSeconds: cacheSeconds, clock: cacheClock });
// On the embedded database the session lookup is kept while nothing is written (exact; see
// src/server/paywall/reader-rows-cache.ts and docs/decisions/015-assembled-signed-in-pages.md).
const writeCount = started.database.writeCount;
const readerRows = writeCount ? createReaderRowsCache<PageReaderRows>({ writeCount }) : undefined;
const signedInPages = createSignedInPages({ db: started.database.db, production: env.production, now, graceDays: env.graceDays, readerRows });

process.env.ASTRO_NODE_AUTOSTART = 'disabled';
const { handler } = (await import(entry.href)) as { handler: NodeHandler };

const port = Number(process.env.PORT ?? 4321);
const host = process.env.HOST ?? '127.0.0.1';
const cache = createAnonymousCache({
  maxBytes: env.anonymousCacheBytes,
  maxBodyBytes: 512 * 1024,
  maxSeconds: cacheSeconds,
  clock: cacheClock,
  // The request log is told which route a kept page came from, and so which route each hit served.
  routeNotes: {
    renderedRoute: () => currentRequest()?.route,
    servedRoute: (route) => {
      const record = currentRequest();
      if (record) record.route = route;
    },
  },
});

/** The content folder as an editor would type it from here, so `content/articles/x.mdx:12` opens in an editor. */
const contentDirFromHere = path.relative(process.cwd(), env.contentDir);
const shownContentDir = contentDirFromHere === '' ? '.' : contentDirFromHere.startsWith('..') ? env.contentDir : contentDirFromHere;
/** A problem in a file, `articles/x.mdx:12: message`, as the sync and the watcher report it. */
const PROBLEM_LINE = /^[^\s:]+:\d+: /;

/** How long after listening the background content work waits for a first request to be answered. */
const BACKGROUND_WORK_DELAY_MS = 2000;

function contentLog(line: string): void {
  if (PROBLEM_LINE.test(line)) logger.error(`${shownContentDir}/${line}`);
  else logger.info(`Content: ${line}`);
}

// Content: every change (saved here, by the publisher's clock, or by another instance through
// the channel) drops the cached pages it touches.
const stopPurging = purgeOnContentChange(cache);
const stopContentChannel = await startContentChannel(started.database, contentLog).catch((error: Error) => fail(`the content channel did not start: ${error.message}`));
const stopPublisher = startScheduledPublisher(started.database.db, now, contentLog);
let watcher: ContentWatcher | undefined;
let stopping = false;
/** Resolved once the server has answered its first request, or has listened for BACKGROUND_WORK_DELAY_MS. */
let letBackgroundWorkStart = () => {};
const backgroundWorkMayStart = new Promise<void>((resolve) => (letBackgroundWorkStart = resolve));
let firstRequestSeen = false;
const { inBackground: contentInBackground } = await takeInContent();

/**
 * Syncs the content folder into the database, file by file (a broken story is reported and
 * skipped; the rest are saved). Awaited on a database with no story yet, so the first
 * request already shows them; otherwise in the background once the server has answered its
 * first request (or listened for two seconds), so start-up does not grow with the archive.
 * The sync and the watcher (and the story compiler they load, about a third of a second of
 * module loading) are imported only then. The watcher starts once the sync is done. Resolves
 * when the start-up part is done, with the background work for shutdown to wait on.
 */
async function takeInContent(): Promise<{ inBackground: Promise<void> }> {
  const done = { inBackground: Promise.resolve() };
  const root = env.contentDir;
  if (!contentFolderFound) {
    contentLog(`no folder at ${shownContentDir}; serving the stories the database holds.`);
    return done;
  }
  const sync = async () => {
    const [{ syncContentFolder }, { watchContentFolder }] = await Promise.all([
      import('../src/server/content/content-folder-sync.ts'),
      import('../src/server/content/content-watcher.ts'),
    ]);
    const startedAt = Date.now();
    // Each problem is logged by the sync as path:line: message.
    const { counts } = await syncContentFolder(started.database.db, root, { now: now(), log: contentLog, mode: 'per-file' });
    contentLog(
      `${shownContentDir}: ${counts.saved} saved, ${counts.unchanged} unchanged, ${counts.unpublished} unpublished, ${counts.failed} not taken in (${Date.now() - startedAt} ms).`,
    );
    if (env.contentWatch && !stopping) {
      watcher = watchContentFolder(started.database.db, root, { now, log: contentLog });
      contentLog(`watching ${shownContentDir} for changes (CONTENT_WATCH).`);
    }
  };
  const [anyStory] = await started.database.db.select({ id: stories.id }).from(stories).limit(1);
  if (!anyStory) {
    await sync().catch((error: Error) => fail(`the content folder could not be taken in: ${error.message}`));
    return done;
  }
  contentLog(`taking ${shownContentDir} in the background.`);
  return { inBackground: backgroundWorkMayStart.then(sync).catch((error: Error) => logger.error({ err: error }, `Content: the sync of ${shownContentDir} stopped: ${error.message}`)) };
}

const app = cache.wrap(handler);
const writeLine = requestLineWriter(logger, logSettings.format);
const builtAssets = listBuiltAssets(path.resolve(outDir, 'client'));
const server = http.createServer((req, res) => {
  // First, so refusals, cache hits and static files carry the headers too.
  applySecurityHeaders(res, { production: env.production });
  // Every answer carries the request's id and is logged in one line when it closes.
  const record = openRequestRecord(req, res, { writeLine, trustProxy: env.trustProxy });
  runInRequest(record, () => answer(req, res, record));
});

function answer(req: http.IncomingMessage, res: http.ServerResponse, record: RequestRecord): void {
  closeAfterUnreadBody(req, res);
  const refused = requestRefusal(req, builtAssets);
  if (refused) {
    record.route = 'refused';
    return sendRefusal(res, refused, req.method);
  }
  // A burst of password guesses is answered here, before Astro does any work for it.
  if (!admitSignIn(req, res, env.publicationName)) {
    record.route = 'refused';
    return;
  }
  originAsSeenByApp(req.headers, env.trustProxy);
  if (!firstRequestSeen) {
    firstRequestSeen = true;
    res.once('finish', letBackgroundWorkStart);
  }
  if (req.method !== 'GET' || !req.headers.cookie) return app(req, res);
  signedInPages(req, res).then(
    (assembled) => {
      if (!assembled) return app(req, res);
      record.cache = 'assembled';
      record.route = assembled.route;
      record.reader = assembled.reader;
    },
    () => app(req, res),
  );
}
server.keepAliveTimeout = 5000;
server.listen(port, host, () => {
  setTimeout(letBackgroundWorkStart, BACKGROUND_WORK_DELAY_MS).unref();
  const shown = host === '0.0.0.0' || host === '127.0.0.1' ? 'localhost' : host;
  logger.info(`Masthead is serving on http://${shown}:${port} (canonical site URL ${env.siteUrl})`);
  // Lines are gathered into larger writes (src/server/log/logger.ts): the start-up's go out now.
  logger.flush();
});

// On SIGTERM: stop taking connections, let the requests in flight finish (idle keep-alive
// connections are closed at once), stop the content work and the mail worker, then close the
// database. A request still running after SHUTDOWN_GRACE_MS is cut off rather than holding a
// rollout up.
const SHUTDOWN_GRACE_MS = 10_000;
async function shutdown() {
  if (stopping) return;
  stopping = true;
  stopUpkeep();
  stopPublisher();
  setTimeout(() => process.exit(0), SHUTDOWN_GRACE_MS).unref();
  const drained = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  await drained;
  // A background sync still running is waited for (the grace timer bounds the wait); then the
  // watcher stops, and no change is left to announce.
  await contentInBackground;
  await watcher?.stop().catch(() => {});
  await stopContentChannel().catch(() => {});
  stopPurging();
  // The mail job in hand is finished; the rest stay in the outbox for the next start or another instance.
  await stopMailWorker().catch(() => {});
  await stopBackupChannel().catch(() => {});
  await started.database.close().catch(() => {});
  process.exit(0);
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void shutdown());
