// The start script's side of the request log: each request gets its record (an id, sent back
// as X-Request-Id) when it arrives, and its one line when its response closes.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { requestIdFor } from './request-id.ts';
import { requestLineFields } from './request-line.ts';
import type { RequestRecord } from './request-record.ts';
import type { RequestLineWriter } from './request-line-writer.ts';

export interface RequestLogOptions {
  /** Writes the line (./request-line-writer.ts). */
  writeLine: RequestLineWriter;
  /** TRUST_PROXY: the proxy in front sets X-Request-Id, and its value is kept. */
  trustProxy: boolean;
}

/** Opens the request's record, sends its id back, and logs its line once the response closes. */
export function openRequestRecord(req: IncomingMessage, res: ServerResponse, { writeLine, trustProxy }: RequestLogOptions): RequestRecord {
  const id = requestIdFor(req.headers['x-request-id'], trustProxy);
  res.setHeader('X-Request-Id', id);
  const record: RequestRecord = { id, method: req.method ?? 'GET', startedAt: performance.now(), route: undefined, reader: 'anonymous', cache: undefined };
  // 'close' comes once per response (`on`: no wrapper to remove, on the hot path).
  res.on('close', () => {
    writeLine(requestLineFields(record, { endedAt: performance.now(), statusCode: res.statusCode, finished: res.writableFinished, xCache: res.getHeader('x-cache') }));
  });
  return record;
}
