// Built servers for integration tests that need whole processes (several instances, faults,
// hostile input over HTTP). The site is built at most once per Vitest run, by whichever test
// asks first (a lock folder keeps parallel workers from building twice), into a folder of
// that run's own, .data/integration-site/<run>/, so runs that overlap on one machine never
// rebuild under each other's servers. Folders of runs over a day old are removed.
// The run's test content (content/ and the fixtures) is written beside the build, and checked
// once, all or nothing, when the site is built. Each server is `scripts/serve.ts` on that build,
// as in production, with MASTHEAD_CONTENT_DIR on the content folder beside its build (that one,
// or for the browser tests' build .test-build/content): a server whose database holds
// no story takes it all in before it answers (a database shared by several instances gets it
// from the first one; start them one after the other). No server watches the folder unless
// a test sets CONTENT_WATCH.
//
//   const dist = await ensureIntegrationSite();
//   const server = await startSiteServer({ port: await freePort(), env: { DATA_DIR: dir } });
//   ...
//   await server.stop();            // SIGTERM, as an orchestrator would; server.kill() is SIGKILL
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { openPgliteInMemory } from '../../db/client.ts';
import { migrateDatabase } from '../../db/migrate.ts';
import { buildTestSite, prepareTestContent } from './site-build.ts';
import { syncTestContent } from './test-content-sync.ts';
import { ROOT, TEST_SITE_URL } from './test-site.ts';
import { SERVER_NODE_FLAGS } from '../../scripts/server-node-flags.ts';

const ALL_RUNS_DIR = path.join(ROOT, '.data', 'integration-site');
const OLD_RUN_MS = 24 * 60 * 60 * 1000;
/** Set once per Vitest run by tests/support/vitest-global-setup.ts. */
const RUN_ID = process.env.MASTHEAD_TEST_RUN ?? 'outside-vitest';
export const INTEGRATION_SITE_DIR = path.join(ALL_RUNS_DIR, RUN_ID);
export const INTEGRATION_OUT_DIR = path.join(INTEGRATION_SITE_DIR, 'dist');
/** The content every integration server takes into its database. */
export const INTEGRATION_CONTENT_DIR = path.join(INTEGRATION_SITE_DIR, 'content');
const MARKER = path.join(INTEGRATION_SITE_DIR, 'built-for-run');
const LOCK = `${INTEGRATION_SITE_DIR}.lock`;
/** A build on a busy two-core machine; for the hook that calls ensureIntegrationSite(). */
export const SITE_BUILD_TIMEOUT_MS = 240_000;

function runId(): string {
  return RUN_ID;
}

function removeOldRuns(): void {
  for (const name of readdirSync(ALL_RUNS_DIR, { withFileTypes: true })) {
    const folder = path.join(ALL_RUNS_DIR, name.name);
    if (folder !== INTEGRATION_SITE_DIR && Date.now() - statSync(folder).mtimeMs > OLD_RUN_MS) rmSync(folder, { recursive: true, force: true });
  }
}

/** Builds the test site unless this run already did; returns the build's folder. */
export async function ensureIntegrationSite(): Promise<string> {
  for (;;) {
    if (existsSync(MARKER) && readFileSync(MARKER, 'utf8') === runId()) return INTEGRATION_OUT_DIR;
    mkdirSync(path.dirname(LOCK), { recursive: true });
    try {
      mkdirSync(LOCK, { recursive: false });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // Another worker is building; a lock older than any build is left by a killed run.
      if (Date.now() - (statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now()) > SITE_BUILD_TIMEOUT_MS) rmSync(LOCK, { recursive: true, force: true });
      await sleep(250);
      continue;
    }
    try {
      if (existsSync(MARKER) && readFileSync(MARKER, 'utf8') === runId()) return INTEGRATION_OUT_DIR;
      rmSync(MARKER, { force: true });
      removeOldRuns();
      prepareTestContent(INTEGRATION_CONTENT_DIR);
      await checkTestContent();
      await buildTestSite({ outDir: INTEGRATION_OUT_DIR, siteUrl: TEST_SITE_URL });
      writeFileSync(MARKER, runId());
      return INTEGRATION_OUT_DIR;
    } finally {
      rmSync(LOCK, { recursive: true, force: true });
    }
  }
}

/**
 * Syncs the run's content, all or nothing, into a throwaway database: a fixture that does not
 * compile stops the run here with its file:line: message (the servers sync file by file, so
 * they would start without it and a test would fail later on a missing page).
 */
async function checkTestContent(): Promise<void> {
  const scratch = await openPgliteInMemory();
  try {
    await migrateDatabase(scratch);
    await syncTestContent(scratch.db, INTEGRATION_CONTENT_DIR);
  } finally {
    await scratch.close();
  }
}

export interface SiteServer {
  url: string;
  port: number;
  child: ChildProcess;
  /** Everything the server printed, for failure messages. */
  output(): string;
  /** SIGTERM and wait for the exit; resolves to the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL (a crash) and wait for the exit. */
  kill(): Promise<void>;
}

export interface StartSiteServerOptions {
  port: number;
  /** DATA_DIR or DATABASE_URL, SMTP_URL, STRIPE_*, CONTENT_WATCH …; merged over a clean copy of this env. */
  env: Record<string, string>;
  /** Another build; default: the integration site's. */
  outDir?: string;
  /** Default: `content` beside the build's folder (see prepareTestContent). */
  contentDir?: string;
  timeoutMs?: number;
}

/** Starts scripts/serve.ts and resolves once it answers /robots.txt. */
export async function startSiteServer(options: StartSiteServerOptions): Promise<SiteServer> {
  // LOG_LEVEL and LOG_FORMAT too: Vitest quiets the tests' own process (vitest.config.ts), not the servers.
  const { DATABASE_URL: _a, DATA_DIR: _b, SMTP_URL: _c, NODE_ENV: _d, MASTHEAD_CONTENT_DIR: _e, CONTENT_WATCH: _f, LOG_LEVEL: _g, LOG_FORMAT: _h, ...outer } = process.env;
  const outDir = options.outDir ?? INTEGRATION_OUT_DIR;
  const env = {
    ...outer,
    MASTHEAD_OUT_DIR: outDir,
    MASTHEAD_CONTENT_DIR: options.contentDir ?? path.join(path.dirname(outDir), 'content'),
    CONTENT_WATCH: 'false',
    SITE_URL: TEST_SITE_URL,
    PORT: String(options.port),
    ...options.env,
  };
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, path.join(ROOT, 'scripts/serve.ts')], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let printed = '';
  child.stdout?.on('data', (d: Buffer) => (printed += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (printed += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The server on port ${options.port} exited (${child.exitCode}) before answering:\n${printed}`);
    try {
      const response = await fetch(`${url}/robots.txt`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`The server on port ${options.port} did not answer in time:\n${printed}`);
    }
    await sleep(100);
  }
  return {
    url,
    port: options.port,
    child,
    output: () => printed,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
    async kill() {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
