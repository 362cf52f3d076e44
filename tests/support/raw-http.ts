// HTTP the way an attacker writes it: request targets sent byte for byte (fetch and
// http.request normalise backslashes and dot segments away), bodies streamed from a generator
// so a 200 MB upload never sits in the test's memory, and a server process's resident memory
// read from /proc.
import http from 'node:http';
import net from 'node:net';
import { readFileSync } from 'node:fs';

export interface RawAnswer {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: string;
}

function parseAnswer(text: string): RawAnswer {
  const end = text.indexOf('\r\n\r\n');
  const [statusLine = '', ...lines] = text.slice(0, end === -1 ? text.length : end).split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status: Number(statusLine.split(' ')[1]), headers, body: end === -1 ? '' : text.slice(end + 4) };
}

/** Sends `GET <target>` exactly as given (no normalisation) and reads the whole answer. */
export function rawGet(port: number, target: string, headers: Record<string, string> = {}, method = 'GET'): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.setTimeout(30_000, () => socket.destroy(new Error(`no answer to ${method} ${target}`)));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(parseAnswer(Buffer.concat(chunks).toString('latin1'))));
    const extra = Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('');
    socket.write(`${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n${extra}Connection: close\r\n\r\n`, 'latin1');
  });
}

/** Resident memory of process `pid`, in bytes (Linux). */
export function residentBytes(pid: number): number {
  const match = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no VmRSS for process ${pid}`);
  return Number(match[1]) * 1024;
}

export interface UploadOptions {
  port: number;
  path: string;
  headers: Record<string, string>;
  /** Bytes to send; generated as they go. */
  bytes: number;
  /** Send Content-Length (refusable before reading) or stream it chunked (refusable only while reading). */
  declareLength: boolean;
}

export interface UploadAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** How much of the body had been handed to the socket when the answer came. */
  sentBytes: number;
}

/**
 * POSTs `bytes` of filler, written as the socket drains, and resolves with the server's
 * answer as soon as it comes: the upload is then cut off (a server that refuses early closes
 * the connection, and the rest is never sent).
 */
export function streamUpload(options: UploadOptions): Promise<UploadAnswer> {
  const chunk = Buffer.alloc(64 * 1024, 'a');
  const headers = { ...options.headers, ...(options.declareLength ? { 'Content-Length': String(options.bytes) } : { 'Transfer-Encoding': 'chunked' }) };
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = http.request({ host: '127.0.0.1', port: options.port, path: options.path, method: 'POST', headers, agent: false });
    req.setTimeout(120_000, () => req.destroy(new Error(`no answer from ${options.path}`)));
    req.on('response', (res) => {
      answered = true;
      const parts: Buffer[] = [];
      res.on('data', (p: Buffer) => parts.push(p));
      const done = () => {
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts).toString('utf8'), sentBytes: sent });
        req.destroy();
      };
      res.on('end', done);
      res.on('error', done); // the server closed the connection under an unfinished upload
    });
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    const pump = () => {
      while (!answered && !req.destroyed && sent < options.bytes) {
        const piece = sent + chunk.length <= options.bytes ? chunk : chunk.subarray(0, options.bytes - sent);
        sent += piece.length;
        if (!req.write(piece)) return void req.once('drain', pump);
      }
      if (sent >= options.bytes && !req.destroyed) req.end();
    };
    pump();
  });
}
