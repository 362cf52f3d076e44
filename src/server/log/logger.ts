// The process's one logger (pino): JSON lines on stdout, or pretty lines for a person at a
// terminal (./log-settings.ts). The start script makes it before anything else; the build's
// copy of this module, `astro dev` and the command-line tools find it on globalThis, or make it
// on first use, as src/server/db/database.ts shares the database. Every line logged while a
// request is answered carries its id (./request-record.ts).
import { createRequire } from 'node:module';
import { isatty } from 'node:tty';
import pino, { type DestinationStream, type Logger } from 'pino';
import { readLogSettings, type LogSettings } from './log-settings.ts';
import { currentRequest } from './request-record.ts';
import { redactText } from './redact.ts';
import { prettyOptions } from './pretty-lines.ts';
import { gatheredLines } from './stdout-lines.ts';

export type { Logger };

const KEY = Symbol.for('masthead.logger');
type Holder = { [KEY]?: Logger };
const holder = globalThis as Holder;

const NO_FIELDS = Object.freeze({});

export interface ErrorFields {
  type: string;
  message: string;
  stack?: string | undefined;
}

/** An error as a log line holds it: its type, message and stack (with its cause's), cleaned (./redact.ts). */
export function errorFields(error: unknown): ErrorFields {
  if (!(error instanceof Error)) return { type: typeof error, message: redactText(String(error)) };
  const cause = error.cause instanceof Error ? `\ncaused by: ${error.cause.stack ?? error.cause.message}` : '';
  return { type: error.name, message: redactText(error.message), stack: redactText(`${error.stack ?? error.message}${cause}`) };
}

/** Bytes of lines gathered before they are written to stdout in one write. */
const WRITE_BYTES = 32 * 1024;
/** The longest a line waits for that, in ms. */
const WRITE_AFTER_MS = 200;

/**
 * Where the lines go: stdout, gathered into writes of WRITE_BYTES or whatever came within
 * WRITE_AFTER_MS (./stdout-lines.ts), and written when the process exits; a SIGKILL loses at
 * most that. Pretty lines are for a person at a terminal, written as they come.
 */
function destinationFor(settings: LogSettings): DestinationStream {
  if (settings.format === 'json') {
    const stdout = gatheredLines(1, { maxBytes: WRITE_BYTES, maxDelayMs: WRITE_AFTER_MS });
    process.once('exit', () => stdout.flush());
    return stdout;
  }
  // pino-pretty in this thread (no worker to flush at shutdown), loaded only when wanted.
  const pretty = createRequire(import.meta.url)('pino-pretty') as (options: object) => DestinationStream;
  return pretty({ ...prettyOptions(isatty(1)), destination: 1, sync: true });
}

/** A logger with these settings, writing to `destination` (stdout when not given). */
export function createLogger(settings: LogSettings, destination: DestinationStream = destinationFor(settings)): Logger {
  return pino(
    {
      level: settings.level,
      base: null,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      // An Error logged as `err` is cleaned here; fields already made (./astro-log-sink.ts) pass as they are.
      serializers: { err: (value: unknown) => (value instanceof Error || typeof value !== 'object' ? errorFields(value) : value) },
      // The request's id on every line logged during it (a request's own line already has it).
      mixin(fields: object) {
        if ('requestId' in fields) return NO_FIELDS;
        const record = currentRequest();
        return record ? { requestId: record.id } : NO_FIELDS;
      },
      // The id first; nothing merged (or allocated) for lines that need no id.
      mixinMergeStrategy: (fields: object, mixed: object) => (mixed === NO_FIELDS ? fields : Object.assign(mixed, fields)),
    },
    destination,
  );
}

/** Makes `logger` the process's logger (the start script, and tests that read the lines). */
export function provideLogger(logger: Logger): Logger {
  holder[KEY] = logger;
  return logger;
}

/** The process's logger, made from LOG_FORMAT and LOG_LEVEL on first use. */
export function log(): Logger {
  return (holder[KEY] ??= createLogger(readLogSettings(process.env, isatty(1))));
}
