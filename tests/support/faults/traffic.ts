// Continuous mixed traffic for the outage test: anonymous story reads, signed-in story reads
// and unlock posts, from a few concurrent loops, until stopped. Every answer is recorded with
// the phase of the test when it was sent and when it came back, so a test can judge each
// answer by what the database was doing at the time.
import { readStory, unlockStoryOverHttp, STORIES, type Answer } from './http-client.ts';
import type { SeededReader } from './readers.ts';

export type RequestKind = 'anonymous-read' | 'signed-in-read' | 'unlock';

export interface Recorded {
  kind: RequestKind;
  sentIn: string;
  answeredIn: string;
  answer: Answer;
}

export interface Traffic {
  records: Recorded[];
  /** Marks what the test is doing now ("before", "cut", "restored" …). */
  setPhase(phase: string): void;
  /** Resolves once `count` answers of `kind` (that pass `where`, if given) were both sent and answered in `phase`. */
  waitFor(kind: RequestKind, phase: string, count: number, timeoutMs: number, where?: (record: Recorded) => boolean): Promise<void>;
  stop(): Promise<void>;
}

const KINDS: readonly RequestKind[] = ['anonymous-read', 'signed-in-read', 'unlock'];

export function startTraffic(baseUrl: string, readers: readonly SeededReader[], loops = 4): Traffic {
  const records: Recorded[] = [];
  let phase = 'before';
  let running = true;
  let n = 0;

  async function loop(): Promise<void> {
    while (running) {
      const i = n++;
      const kind = KINDS[i % KINDS.length]!;
      const reader = readers[i % readers.length]!;
      const story = STORIES[Math.floor(i / KINDS.length) % STORIES.length]!;
      const sentIn = phase;
      const answer =
        kind === 'anonymous-read' ? await readStory(baseUrl, story) : kind === 'signed-in-read' ? await readStory(baseUrl, story, reader.token) : await unlockStoryOverHttp(baseUrl, story, reader.token);
      records.push({ kind, sentIn, answeredIn: phase, answer });
    }
  }
  const all = Promise.all(Array.from({ length: loops }, loop));

  return {
    records,
    setPhase(next) {
      phase = next;
    },
    async waitFor(kind, inPhase, count, timeoutMs, where = () => true) {
      const deadline = Date.now() + timeoutMs;
      const seen = () => records.filter((r) => r.kind === kind && r.sentIn === inPhase && r.answeredIn === inPhase && where(r)).length;
      while (seen() < count) {
        if (Date.now() > deadline) throw new Error(`only ${seen()} of ${count} ${kind} answers in phase "${inPhase}" within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    async stop() {
      running = false;
      await all;
    },
  };
}

/** "kind status × count" lines, for failure messages and the test's printed summary. */
export function tally(records: readonly Recorded[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of records) {
    const key = `${r.kind} ${r.answer.outcome}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}
