// A burst of unlocks from many readers at once, with a hook that sees each answer as it comes
// (the crash test kills the server from it). Every reader asks for every story once, so a 303
// means "this unlock was made and acknowledged".
import { unlockStoryOverHttp, STORIES, type Outcome, type Story } from './http-client.ts';
import type { SeededReader } from './readers.ts';

export interface BurstAnswer {
  reader: SeededReader;
  story: Story;
  outcome: Outcome;
}

export async function unlockBurst(baseUrl: string, readers: readonly SeededReader[], options: { concurrency: number; onAnswer(answer: BurstAnswer): void }): Promise<BurstAnswer[]> {
  // Interleaved (story-major), so readers spend their credits at the same time, not one after another.
  const work = STORIES.flatMap((story) => readers.map((reader) => ({ reader, story })));
  const answers: BurstAnswer[] = [];
  let next = 0;
  async function worker(): Promise<void> {
    while (next < work.length) {
      const { reader, story } = work[next++]!;
      const answer = { reader, story, outcome: (await unlockStoryOverHttp(baseUrl, story, reader.token)).outcome };
      answers.push(answer);
      options.onAnswer(answer);
    }
  }
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return answers;
}
