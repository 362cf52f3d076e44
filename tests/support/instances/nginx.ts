// Runs Debian's nginx in the foreground with deploy/nginx/masthead.conf, rendered into a temp
// prefix: the test's instance ports in the upstream, its own listen ports (plain, and TLS with
// a throwaway self-signed certificate) and its own cache folder. Nothing else is changed, so
// the test exercises the file readers copy.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ROOT } from '../test-site.ts';

export const NGINX_CONFIG = path.join(ROOT, 'deploy/nginx/masthead.conf');

/** /usr/sbin/nginx, else nginx on PATH; undefined when there is none. */
export function findNginx(): string | undefined {
  if (existsSync('/usr/sbin/nginx')) return '/usr/sbin/nginx';
  const found = spawnSync('sh', ['-c', 'command -v nginx'], { encoding: 'utf8' });
  return found.status === 0 && found.stdout.trim() ? found.stdout.trim() : undefined;
}

/** A port nobody listens on right now (the OS picks it). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== 'object' || !address) throw new Error('no free port');
  return address.port;
}

function replaceOnce(text: string, pattern: RegExp, replacement: string, what: string): string {
  if (!pattern.test(text)) throw new Error(`deploy/nginx/masthead.conf no longer has ${what}; update the nginx test's renderer.`);
  return text.replace(pattern, replacement);
}

export interface RenderOptions {
  upstreamPorts: number[];
  httpPort: number;
  tls?: { port: number; certificate: string; key: string };
  cacheDir: string;
}

/** The shipped config with the example's ports and cache folder swapped for the test's. */
export function renderConfig(template: string, options: RenderOptions): string {
  let text = replaceOnce(template, /proxy_cache_path \/var\/cache\/nginx-masthead /, `proxy_cache_path ${options.cacheDir} `, 'the example cache folder');
  const servers = options.upstreamPorts.map((port) => `    server 127.0.0.1:${port} max_fails=3 fail_timeout=10s;`).join('\n');
  text = replaceOnce(text, /(upstream masthead \{\n(?:\s*#[^\n]*\n)*)(?:\s*server 127\.0\.0\.1:\d+[^\n]*\n)+/, `$1${servers}\n`, 'the example upstream servers');
  const tls = options.tls ? `\n    listen 127.0.0.1:${options.tls.port} ssl;\n    ssl_certificate ${options.tls.certificate};\n    ssl_certificate_key ${options.tls.key};` : '';
  return replaceOnce(text, /^ {4}listen 80;$/m, `    listen 127.0.0.1:${options.httpPort};${tls}`, 'the example listen port');
}

/** A self-signed certificate for 127.0.0.1 (openssl), or undefined without openssl. */
export function selfSignedCertificate(dir: string): { certificate: string; key: string } | undefined {
  const certificate = path.join(dir, 'cert.pem');
  const key = path.join(dir, 'key.pem');
  const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-keyout', key, '-out', certificate], { stdio: 'ignore' });
  return made.status === 0 ? { certificate, key } : undefined;
}

export interface RunningNginx {
  url: string;
  tlsUrl: string | undefined;
  output(): string;
  stop(): Promise<void>;
}

/** Writes prefix/conf/nginx.conf around the rendered file and starts nginx on it. */
export async function startNginx(binary: string, prefix: string, options: Omit<RenderOptions, 'cacheDir'>): Promise<RunningNginx> {
  for (const dir of ['conf', 'logs', 'cache', 'temp']) mkdirSync(path.join(prefix, dir), { recursive: true });
  const site = renderConfig(readFileSync(NGINX_CONFIG, 'utf8'), { ...options, cacheDir: path.join(prefix, 'cache') });
  writeFileSync(path.join(prefix, 'conf/masthead.conf'), site);
  const temp = (name: string) => path.join(prefix, 'temp', name);
  const main = [
    // As root, workers would run as nobody, who cannot write into this private temp prefix.
    process.getuid?.() === 0 ? 'user root;' : '',
    'worker_processes 1;',
    'events { worker_connections 256; }',
    'http {',
    `  access_log ${path.join(prefix, 'logs/access.log')};`,
    `  client_body_temp_path ${temp('body')}; proxy_temp_path ${temp('proxy')}; fastcgi_temp_path ${temp('fastcgi')};`,
    `  uwsgi_temp_path ${temp('uwsgi')}; scgi_temp_path ${temp('scgi')};`,
    `  include ${path.join(prefix, 'conf/masthead.conf')};`,
    '}',
  ].join('\n');
  const conf = path.join(prefix, 'conf/nginx.conf');
  writeFileSync(conf, main);
  const errorLog = path.join(prefix, 'logs/error.log');
  const child: ChildProcess = spawn(binary, ['-p', prefix, '-c', conf, '-g', `daemon off; pid ${path.join(prefix, 'nginx.pid')}; error_log ${errorLog} info;`], { stdio: ['ignore', 'pipe', 'pipe'] });
  let printed = '';
  child.stdout?.on('data', (d: Buffer) => (printed += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (printed += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const output = () => `${printed}${existsSync(errorLog) ? readFileSync(errorLog, 'utf8').split('\n').filter((l) => /\[(emerg|alert|crit|error)\]/.test(l)).join('\n') : ''}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGQUIT');
    await Promise.race([exited, sleep(5000).then(() => child.kill('SIGKILL'))]);
    await exited;
  };
  const url = `http://127.0.0.1:${options.httpPort}`;
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited (${child.exitCode}) at start:\n${output()}`);
    const answered = await fetch(`${url}/robots.txt`).then((r) => r.ok, () => false);
    if (answered) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`nginx did not answer on ${url}:\n${output()}`);
    }
    await sleep(100);
  }
  return { url, tlsUrl: options.tls ? `https://127.0.0.1:${options.tls.port}` : undefined, output, stop };
}
