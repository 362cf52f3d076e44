// The one place Masthead reads the time, so scheduling can be tested with a moved clock.
//
// Outside production, MASTHEAD_CLOCK_FILE may name a file holding an ISO time; while the file
// exists and holds a valid time, that is "now" (tests write it to move time forward without
// restarting the server). scripts/serve.ts refuses the setting in production.
import { readFileSync } from 'node:fs';

const clockFile = process.env.NODE_ENV === 'production' ? undefined : process.env.MASTHEAD_CLOCK_FILE;

function timeFromFile(file: string): Date | undefined {
  try {
    const time = new Date(readFileSync(file, 'utf8').trim());
    return Number.isNaN(time.getTime()) ? undefined : time;
  } catch {
    return undefined;
  }
}

export function now(): Date {
  return (clockFile && timeFromFile(clockFile)) || new Date();
}
