// What every outbox test starts from: a fresh database, a test clock, and a real SMTP listener
// behind a gate that can make it slow, silent or refusing (smtp-gate.ts), with the mail it
// received. Call outboxTestBed() at the top of a test file; the hooks it registers run
// around each test, and its fields are that test's.
import { afterEach, beforeEach } from 'vitest';
import { startMailCatcher, type CaughtMail, type MailCatcher } from './mail-catcher.ts';
import { startSmtpGate, type SmtpGate } from './smtp-gate.ts';
import { DATABASE_SETUP_TIMEOUT_MS, freshDatabase, testClock, type TestClock, type TestDatabase } from './test-db.ts';

export interface OutboxTestBed {
  readonly t: TestDatabase;
  readonly clock: TestClock;
  readonly gate: SmtpGate;
  /** What the SMTP listener received in this test, in order. */
  readonly received: CaughtMail[];
}

export function outboxTestBed(): OutboxTestBed {
  let t: TestDatabase;
  let clock: TestClock;
  let catcher: MailCatcher;
  let gate: SmtpGate;
  const received: CaughtMail[] = [];

  beforeEach(async () => {
    t = await freshDatabase();
    clock = testClock();
    received.length = 0;
    catcher = await startMailCatcher({ port: 0, onMail: (mail) => received.push(mail) });
    gate = await startSmtpGate(catcher.port);
  }, DATABASE_SETUP_TIMEOUT_MS);
  afterEach(async () => {
    gate?.release();
    await gate?.close();
    await catcher?.close();
    await t?.close();
  });

  return {
    get t() { return t; },
    get clock() { return clock; },
    get gate() { return gate; },
    received,
  };
}
