// The one line logged per request: its fields, from the request's record and how it ended.
// Pure, so the rule is tested without a server (tests/unit/request-line.test.ts).
import type { CacheOutcome, ReaderKind, RequestRecord } from './request-record.ts';

export interface RequestLineFields {
  requestId: string;
  method: string;
  /** The route pattern (`/[section]/[slug]`), `static` for files served as they are, `refused` for requests turned away before the site saw them. */
  route: string;
  status: number;
  durationMs: number;
  cache: CacheOutcome;
  reader: ReaderKind;
}

/** nginx's code for a request whose client left before the answer was sent. */
export const CLIENT_CLOSED_STATUS = 499;

/** The anonymous cache's own header (src/server/http/anonymous-cache.ts) says whether it answered. */
function cacheFromHeader(xCache: unknown): CacheOutcome {
  if (xCache === 'HIT') return 'hit';
  if (xCache === 'MISS') return 'miss';
  return 'none';
}

export interface RequestEnd {
  /** performance.now() when the response closed. */
  endedAt: number;
  statusCode: number;
  /** Whether the whole answer was handed to the connection (false: the client left first). */
  finished: boolean;
  /** The X-Cache header the answer carried, if any. */
  xCache: unknown;
}

export function requestLineFields(record: RequestRecord, end: RequestEnd): RequestLineFields {
  return {
    requestId: record.id,
    method: record.method,
    route: record.route ?? 'static',
    status: end.finished ? end.statusCode : CLIENT_CLOSED_STATUS,
    durationMs: Math.round((end.endedAt - record.startedAt) * 100) / 100,
    cache: record.cache ?? cacheFromHeader(end.xCache),
    reader: record.reader,
  };
}
