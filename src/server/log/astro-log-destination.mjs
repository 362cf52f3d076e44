// @ts-check
// Astro's own log messages (astro.config.mjs `logger`): in the running server they go to the
// process's logger (./astro-log-sink.ts, installed by the start script), so an error Astro
// catches on its way to the 500 page is one JSON line with the request id and the stack. In
// `astro build`, `astro dev` and `astro check` nothing is installed and Astro prints as usual.
// A plain JavaScript file: Astro loads the entrypoint with Node before any bundling.
import nodeDestination from 'astro/logger/node';

const SINK = Symbol.for('masthead.astroLogSink');

/** @param {Record<string, unknown> | undefined} config */
export default function mastheadLogDestination(config) {
  const fallback = nodeDestination(config);
  return {
    /** @param {import('astro').AstroLoggerMessage} message */
    write(message) {
      /** @type {((message: import('astro').AstroLoggerMessage) => void) | undefined} */
      const sink = Reflect.get(globalThis, SINK);
      if (sink) sink(message);
      else fallback.write(message);
    },
  };
}
