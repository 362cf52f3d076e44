// Bounds the argon2 work this process does for password checks, so a burst of sign-in
// attempts cannot take the CPU from signed-in pages. Each check names keys (the account's
// address, the client's address): a key has at most one check running and a short line
// behind it, and the process runs a bounded number of checks at once with a short line of
// its own. Past those lines the attempt is refused at once, before any hash is computed.
// The database's rate limits still hold across instances; this gate is the per-process
// guard against bursts, and holds nothing another instance needs.

export interface PasswordCheckLimits {
  /** Checks running at once in this process (argon2id runs on libuv's thread pool). */
  concurrent: number;
  /** Checks allowed to wait for one of those slots; more are refused. */
  queue: number;
  /** Checks allowed to wait behind the one running for the same key. */
  perKeyQueue: number;
}

/**
 * Two checks at once (one per core of a small server; argon2id runs on libuv's thread pool,
 * beside the event loop) and a line long enough for every sign-in the server lets in at once
 * (sign-in-admission.ts), so only bursts aimed at one account or from one address are refused
 * here. Measured with bench/sign-in-burst.mjs (bench/README.md).
 */
export const PASSWORD_CHECK_LIMITS: PasswordCheckLimits = { concurrent: 2, queue: 24, perKeyQueue: 1 };

/** Releases the keys and the slot; call exactly once. */
export type ReleaseCheck = () => void;

interface KeyLane {
  /** The check running for this key plus those waiting behind it. */
  holders: number;
  /** Settles when the last check to enter this lane is done. */
  tail: Promise<void>;
}

export class PasswordCheckGate {
  readonly #limits: PasswordCheckLimits;
  readonly #lanes = new Map<string, KeyLane>();
  #running = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(limits: PasswordCheckLimits = PASSWORD_CHECK_LIMITS) {
    this.#limits = limits;
  }

  /** Checks running or waiting, for tests and figures. */
  get load(): { running: number; waiting: number } {
    return { running: this.#running, waiting: this.#waiting.length };
  }

  /**
   * Waits for its turn and returns the release, or returns null at once when a line is full.
   * Keys are taken in sorted order and the global slot last, so two checks never wait on
   * each other in a circle.
   */
  async admit(keys: readonly string[]): Promise<ReleaseCheck | null> {
    const unique = [...new Set(keys)].sort();
    if (unique.some((key) => (this.#lanes.get(key)?.holders ?? 0) > this.#limits.perKeyQueue)) return null;
    if (this.#running >= this.#limits.concurrent && this.#waiting.length >= this.#limits.queue) return null;
    const leaves = unique.map((key) => this.#enterLane(key));
    const leaveAll = () => leaves.forEach((leave) => leave.done());
    for (const leave of leaves) await leave.turn;
    if (this.#running < this.#limits.concurrent) {
      this.#running++;
    } else if (this.#waiting.length < this.#limits.queue) {
      // The slot is handed over by the check that ends, so #running stays as it is.
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    } else {
      leaveAll();
      return null;
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#waiting.shift();
      if (next) next();
      else this.#running--;
      leaveAll();
    };
  }

  #enterLane(key: string): { turn: Promise<void>; done: () => void } {
    const lane = this.#lanes.get(key) ?? { holders: 0, tail: Promise.resolve() };
    this.#lanes.set(key, lane);
    lane.holders++;
    const turn = lane.tail;
    let done!: () => void;
    lane.tail = new Promise<void>((resolve) => (done = resolve));
    return {
      turn,
      done: () => {
        done();
        if (--lane.holders === 0) this.#lanes.delete(key);
      },
    };
  }
}

/** The gate every password check of this process goes through. */
export const passwordChecks = new PasswordCheckGate();
