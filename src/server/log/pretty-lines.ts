// LOG_FORMAT=pretty: how pino-pretty shows the lines to a person at a terminal. A request is
// one short line (`GET /[section]/[slug] 200 3.1 ms hit anonymous [id]`); any other line is
// its message, the request id when it has one, then its other fields; an error's stack follows
// on its own lines.

/** The request line's own fields, shown in its message and not again after it. */
const REQUEST_FIELDS = ['requestId', 'method', 'route', 'status', 'durationMs', 'cache', 'reader'] as const;

type Line = Record<string, unknown>;

/** The message pino-pretty prints for a line. */
export function prettyMessage(line: Line): string {
  const id = typeof line.requestId === 'string' ? ` [${line.requestId}]` : '';
  if (line.msg === 'request') {
    return `${String(line.method)} ${String(line.route)} ${String(line.status)} ${String(line.durationMs)} ms ${String(line.cache)} ${String(line.reader)}${id}`;
  }
  return `${String(line.msg ?? '')}${id}`;
}

/** pino-pretty's options: time of day, no pid or host, one line per entry but for stacks. */
export function prettyOptions(colorize: boolean) {
  return {
    colorize,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: ['pid', 'hostname', ...REQUEST_FIELDS].join(','),
    singleLine: true,
    messageFormat: (line: Line) => prettyMessage(line),
  };
}
