// Sends the outbox in the background. `drainMailJobs` sends every due job and returns;
// `startMailWorker` runs it in a loop: at once when this process enqueues (wake), every
// second otherwise (other instances' jobs, retries coming due), until stop(); it also deletes
// finished jobs after a week.
import type { MailJobRow } from '../../../db/schema/index.ts';
import type { Mailer } from './mailer.ts';
import { composeMail, UnsendableMailJob, type MailContext } from './compose-mail.ts';
import { claimMailJobs, completeMailJob, failMailJob, purgeFinishedMailJobs, releaseMailJobs } from './mail-jobs.ts';
import { logEvent } from '../log/events.ts';
import { redactText } from '../log/redact.ts';

export interface MailWorkerDeps extends MailContext {
  mailer: Mailer;
  /** The site's clock (src/server/content/clock.ts in the server), read at each step. */
  now: () => Date;
  log?: ((line: string) => void) | undefined;
}

/** Jobs claimed at a time: small, so a stopping worker has little to give back. */
const BATCH_SIZE = 5;
export const POLL_INTERVAL_MS = 1000;
/** Finished jobs are kept a week (to answer "did my e-mail go out?"), then deleted, hourly. */
export const KEEP_FINISHED_JOBS_MS = 7 * 24 * 3600_000;
const PURGE_EVERY_MS = 3600_000;

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

async function runJob(deps: MailWorkerDeps, job: MailJobRow): Promise<void> {
  try {
    const message = await composeMail(deps, job, deps.now());
    if (message) await deps.mailer.send(message);
  } catch (error) {
    const permanent = error instanceof UnsendableMailJob;
    await failMailJob(deps.db, job, describe(error), deps.now(), permanent);
    // The job id and kind only: the payload holds an address (and the error is cleaned of any).
    logEvent('mail.failed', { mailJob: job.id, mailKind: job.kind, attempt: job.attempts, permanent, error: redactText(describe(error)) });
    return;
  }
  await completeMailJob(deps.db, job.id, deps.now());
  logEvent('mail.sent', { mailJob: job.id, mailKind: job.kind, attempt: job.attempts });
}

/** Sends every due job this worker can claim, batch by batch; returns how many it handled. */
export async function drainMailJobs(deps: MailWorkerDeps, stopRequested: () => boolean = () => false): Promise<number> {
  let handled = 0;
  while (!stopRequested()) {
    const batch = await claimMailJobs(deps.db, deps.now(), BATCH_SIZE);
    if (batch.length === 0) break;
    for (const [index, job] of batch.entries()) {
      if (stopRequested()) {
        await releaseMailJobs(deps.db, batch.slice(index).map((j) => j.id));
        return handled;
      }
      await runJob(deps, job);
      handled += 1;
    }
  }
  return handled;
}

export interface MailWorker {
  /** Jobs were just committed: look now instead of at the next poll. */
  wake(): void;
  /** Finishes the job in hand, gives the rest of its batch back, and stops. */
  stop(): Promise<void>;
}

export function startMailWorker(deps: MailWorkerDeps, pollMs = POLL_INTERVAL_MS): MailWorker {
  let stopping = false;
  let woken = false;
  let interrupt: (() => void) | undefined;
  let lastProblem = '';
  let purgedAt = -Infinity;
  const loop = (async () => {
    while (!stopping) {
      woken = false;
      try {
        await drainMailJobs(deps, () => stopping);
        const now = deps.now().getTime();
        if (now - purgedAt >= PURGE_EVERY_MS) {
          await purgeFinishedMailJobs(deps.db, new Date(now - KEEP_FINISHED_JOBS_MS));
          purgedAt = now;
        }
        lastProblem = '';
      } catch (error) {
        // The database is away, most likely: say so once, and keep polling until it is back.
        const problem = describe(error);
        if (problem !== lastProblem) deps.log?.(`[mail] cannot reach the outbox, will retry: ${problem}`);
        lastProblem = problem;
      }
      if (stopping || woken) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pollMs);
        timer.unref();
        interrupt = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      interrupt = undefined;
    }
  })();
  return {
    wake() {
      woken = true;
      interrupt?.();
    },
    stop() {
      stopping = true;
      interrupt?.();
      return loop;
    },
  };
}
