// Gives this Vitest run an id that its workers inherit, so the integration site is built at
// most once per run (see site-server.ts) and never reused from an older run's code.
export default function setup(): void {
  process.env.MASTHEAD_TEST_RUN = `${Date.now()}-${process.pid}`;
}
