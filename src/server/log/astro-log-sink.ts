// Astro's own messages, in the running server, as the process's log lines
// (./astro-log-destination.mjs hands them here): an error with a stack becomes one error line
// with `err` (and, through the logger, the request id), anything else a line at Astro's level
// with the label Astro gave it. Colour codes are dropped; the text is cleaned (./redact.ts).
import type { AstroLoggerMessage } from 'astro';
import { log } from './logger.ts';
import { redactText } from './redact.ts';

const SINK = Symbol.for('masthead.astroLogSink');
const COLOUR_CODES = /\u001b\[[0-9;]*m/g;
/** A V8 stack: a first line, then `    at …` frames. */
const STACK_FRAME = /\n\s+at /;

/** The fields and message of the line for one Astro message. */
export function astroLine(message: AstroLoggerMessage): { fields: Record<string, unknown>; msg: string } {
  const text = redactText(message.message.replace(COLOUR_CODES, ''));
  const astro = message.label && message.label !== 'SKIP_FORMAT' ? { astro: message.label } : {};
  const firstLine = text.split('\n', 1)[0] ?? '';
  if (message.level === 'error' && STACK_FRAME.test(text)) {
    const type = /^(\w*Error)\b/.exec(firstLine)?.[1] ?? 'Error';
    return { fields: { ...astro, err: { type, message: firstLine.replace(/^\w*Error:\s*/, ''), stack: text } }, msg: firstLine };
  }
  return { fields: astro, msg: text };
}

function write(message: AstroLoggerMessage): void {
  const { fields, msg } = astroLine(message);
  const logger = log();
  // Already clean: `err` here is a plain object, which pino's err serializer passes through.
  if (message.level === 'error') logger.error(fields, msg);
  else if (message.level === 'warn') logger.warn(fields, msg);
  else if (message.level === 'debug') logger.debug(fields, msg);
  else logger.info(fields, msg);
}

/** From now on Astro's messages in this process go to the logger (the start script, before it loads the build). */
export function forwardAstroLogs(): void {
  Reflect.set(globalThis, SINK, write);
}
