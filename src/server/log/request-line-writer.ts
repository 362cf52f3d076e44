// Writes the request line. With JSON lines the line is made here, as one template string, and
// handed to the logger's stream: pino's general path (mixin, serializers, formatters) cost a
// cache hit more than its 5% budget, and every field of this line is known and safe (the id is
// checked or made here, the route is a pattern). Pretty lines go through pino as any other line.
// The line is the same either way (tests/unit/logger-lines.test.ts).
import pino, { type DestinationStream, type Logger } from 'pino';
import type { LogFormat } from './log-settings.ts';
import type { RequestLineFields } from './request-line.ts';

export type RequestLineWriter = (fields: RequestLineFields) => void;

/** Text that needs no escaping in a JSON string (ids, methods and route patterns always are). */
const PLAIN = /^[^"\\\u0000-\u001f\u007f-\uffff]*$/;
const quoted = (text: string) => (PLAIN.test(text) ? `"${text}"` : JSON.stringify(text));

let isoMs = -1;
let isoText = '';
/** The time as pino writes it, made once per millisecond (a busy server writes many lines in one). */
function isoTime(ms: number): string {
  if (ms !== isoMs) {
    isoMs = ms;
    isoText = new Date(ms).toISOString();
  }
  return isoText;
}

/** The line as pino would write it at info with `msg: "request"`; `time` in ms since the epoch. */
export function requestLineJson(fields: RequestLineFields, time: number): string {
  const { requestId, method, route, status, durationMs, cache, reader } = fields;
  return `{"level":"info","time":"${isoTime(time)}","requestId":${quoted(requestId)},"method":${quoted(method)},"route":${quoted(route)},"status":${status},"durationMs":${durationMs},"cache":"${cache}","reader":"${reader}","msg":"request"}\n`;
}

export function requestLineWriter(logger: Logger, format: LogFormat): RequestLineWriter {
  if (format === 'pretty') return (fields) => logger.info(fields, 'request');
  const stream = (logger as unknown as Record<symbol, DestinationStream>)[pino.symbols.streamSym];
  if (!stream) return (fields) => logger.info(fields, 'request');
  return (fields) => {
    if (logger.isLevelEnabled('info')) stream.write(requestLineJson(fields, Date.now()));
  };
}
