// What the backup command and the running server say to each other over the backup socket
// (backup-channel.ts, backup-channel-client.ts): the command sends one line, `snapshot`; the
// server answers one line of JSON, then, when it took the snapshot, exactly `bytes` bytes of it.

export const SNAPSHOT_REQUEST = 'snapshot';

export type SnapshotAnswer = { ok: true; bytes: number; pid: number } | { ok: false; error: string };

/** A request line longer than this is not ours. */
export const MAX_REQUEST_BYTES = 64;

/** The answer line is small; anything longer before its newline is not ours. */
export const MAX_ANSWER_LINE_BYTES = 4096;
