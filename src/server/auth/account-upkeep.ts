// Account upkeep, run now and then by the server process (scripts/serve.ts): forgets ended
// rate-limit windows and deletes registrations left unconfirmed past their 7 days. Neither is
// needed for correctness (an expired registration is already treated as absent when the
// address registers again); both keep the tables from growing, and the run logs what it did.
import type { Db } from '../../../db/client.ts';
import { pruneRateLimits } from './rate-limit.ts';
import { pruneUnconfirmedAccounts } from './unconfirmed-accounts.ts';

/** How often the server runs it. Every instance may run it: both deletions are idempotent. */
export const ACCOUNT_UPKEEP_INTERVAL_MS = 60 * 60_000;

export async function runAccountUpkeep(db: Db, now: Date, log: (line: string) => void): Promise<void> {
  await pruneRateLimits(db, now);
  const unconfirmed = await pruneUnconfirmedAccounts(db, now);
  if (unconfirmed > 0) log(`[masthead] upkeep: deleted ${unconfirmed} registration(s) left unconfirmed for 7 days`);
}

/** Runs the upkeep once at start and then every interval; returns the function that stops it. */
export function startAccountUpkeep(db: Db, clock: () => Date, log: (line: string) => void): () => void {
  const run = () => {
    runAccountUpkeep(db, clock(), log).catch((error: unknown) => log(`[masthead] upkeep failed, will try again: ${String(error)}`));
  };
  run();
  const timer = setInterval(run, ACCOUNT_UPKEEP_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
