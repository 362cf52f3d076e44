// The per-process bound on password checks: one check per key at a time with a short line
// behind it, a bounded number at once overall with a short line, everything else refused at
// once. Checks are stood in for by promises the test settles.
import { describe, expect, it } from 'vitest';
import { PasswordCheckGate, type ReleaseCheck } from '../../src/server/auth/password-check-gate.ts';

/** Lets queued continuations run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('PasswordCheckGate', () => {
  it('runs one check per key, lets one wait behind it, and refuses the third at once', async () => {
    const gate = new PasswordCheckGate({ concurrent: 10, queue: 10, perKeyQueue: 1 });
    const first = await gate.admit(['account:a', 'client:1']);
    let secondAdmitted: ReleaseCheck | null | undefined;
    const second = gate.admit(['account:a', 'client:2']).then((r) => (secondAdmitted = r));

    expect(await gate.admit(['account:a', 'client:3'])).toBeNull();
    expect(await gate.admit(['account:b', 'client:4'])).not.toBeNull(); // another account, another client: free
    await settle();
    expect(secondAdmitted).toBeUndefined(); // still waiting for the first

    first!();
    await second;
    expect(secondAdmitted).toEqual(expect.any(Function));
  });

  it('runs at most `concurrent` checks, queues up to `queue`, and refuses the rest at once', async () => {
    const gate = new PasswordCheckGate({ concurrent: 2, queue: 1, perKeyQueue: 5 });
    const running = await Promise.all([gate.admit(['k1']), gate.admit(['k2'])]);
    const queued = gate.admit(['k3']);
    await settle();

    expect(gate.load).toEqual({ running: 2, waiting: 1 });
    expect(await gate.admit(['k4'])).toBeNull();

    running[0]!();
    const third = await queued;
    expect(third).toEqual(expect.any(Function));
    expect(gate.load).toEqual({ running: 2, waiting: 0 });
    running[1]!();
    third!();
    expect(gate.load).toEqual({ running: 0, waiting: 0 });
  });

  it('frees a refused check’s keys, so the next attempt at the same key is judged afresh', async () => {
    const gate = new PasswordCheckGate({ concurrent: 1, queue: 0, perKeyQueue: 1 });
    const holder = await gate.admit(['k1']);

    expect(await gate.admit(['k2'])).toBeNull(); // no slot and no room to wait
    holder!();

    const again = await gate.admit(['k2']);
    expect(again).toEqual(expect.any(Function));
    again!();
    expect(gate.load).toEqual({ running: 0, waiting: 0 });
  });

  it('releasing twice frees one slot only', async () => {
    const gate = new PasswordCheckGate({ concurrent: 1, queue: 0, perKeyQueue: 0 });
    const release = await gate.admit(['k']);
    release!();
    release!();
    expect(gate.load).toEqual({ running: 0, waiting: 0 });
  });
});
