// Reading a server's JSON log lines (LOG_FORMAT=json), and sending requests each with an id of
// the test's own (X-Request-Id, kept when the server trusts its proxy) so its line can be found.
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { randomClientAddress } from './http-forms.ts';

export type LogLine = Record<string, unknown>;

/** Every line the server printed, parsed; a line that is not JSON fails with the line. */
export function jsonLines(output: string): LogLine[] {
  return output
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      try {
        return JSON.parse(line) as LogLine;
      } catch {
        throw new Error(`the server printed a line that is not JSON: ${line}`);
      }
    });
}

/** Waits until `found` holds for the lines printed so far (a request's line is written when its response closes). */
export async function waitForLines(output: () => string, found: (lines: LogLine[]) => boolean, timeoutMs = 10_000): Promise<LogLine[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const lines = jsonLines(output());
    if (found(lines)) return lines;
    if (Date.now() > deadline) throw new Error(`the log lines did not come in time; the server printed:\n${output().slice(-6000)}`);
    await sleep(50);
  }
}

export interface SentRequest {
  id: string;
  response: Response;
  /** The X-Forwarded-For address it came from: it must never reach a log line. */
  clientAddress: string;
}

export interface SendOptions {
  method?: 'GET' | 'POST';
  cookie?: string | undefined;
  form?: Record<string, string>;
}

/** Sends a request with an id of its own, from an address of its own; redirects are not followed. */
export async function sendWithId(baseUrl: string, path: string, options: SendOptions = {}): Promise<SentRequest> {
  const id = `test-${randomBytes(6).toString('hex')}`;
  const clientAddress = randomClientAddress();
  const headers: Record<string, string> = { 'X-Request-Id': id, 'X-Forwarded-For': clientAddress };
  if (options.cookie) headers.Cookie = options.cookie;
  if (options.form) {
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    headers.Origin = baseUrl;
  }
  const body = options.form ? new URLSearchParams(options.form) : null;
  const response = await fetch(new URL(path, baseUrl), { method: options.method ?? (body ? 'POST' : 'GET'), headers, body, redirect: 'manual' });
  return { id, response, clientAddress };
}

/** The request lines (msg "request") with this id. */
export function requestLinesOf(lines: LogLine[], id: string): LogLine[] {
  return lines.filter((line) => line.msg === 'request' && line.requestId === id);
}
