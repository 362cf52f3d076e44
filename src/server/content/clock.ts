// The one place pages read the time, so scheduling can be tested with a fixed clock.
export function now(): Date {
  return new Date();
}
