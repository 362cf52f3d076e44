// Compiles stories on worker threads, so a large import compiles (CPU) while the main thread
// reads files and writes the database. compileStory is pure, so a thread gives the same result
// as the main thread; with 0 threads (or if a thread cannot start) stories compile in-process.
import { Worker } from 'node:worker_threads';
import { compileStory } from '../../lib/content/compile-story.ts';
import type { CompileContext, CompileResult } from '../../lib/content/compiled-story.ts';
import type { CompileRequest } from './compile-worker.ts';

export type StoryCompiler = (path: string, source: string, context: CompileContext) => Promise<CompileResult>;

export interface CompilePool {
  compile: StoryCompiler;
  /** Whether stories still go to threads (false with 0 threads, after a thread failed, or once closed). */
  usingThreads(): boolean;
  close(): Promise<void>;
}

type Reply = { id: number; result: CompileResult } | { id: number; error: string };

const inProcess: CompilePool = { compile: async (path, source, context) => compileStory(path, source, context), usingThreads: () => false, close: async () => {} };

export function startCompilePool(threads: number): CompilePool {
  if (threads < 1) return inProcess;
  const pending = new Map<number, { resolve: (r: CompileResult) => void; reject: (e: Error) => void; worker: Worker }>();
  const load = new Map<Worker, number>();
  let nextId = 0;
  let broken = false;

  const failAll = (worker: Worker, error: Error) => {
    broken = true;
    for (const [id, job] of pending) {
      if (job.worker !== worker) continue;
      pending.delete(id);
      job.reject(error);
    }
  };
  for (let i = 0; i < threads; i++) {
    const worker = new Worker(new URL('./compile-worker.ts', import.meta.url));
    worker.unref();
    worker.on('message', (reply: Reply) => {
      const job = pending.get(reply.id);
      if (!job) return;
      pending.delete(reply.id);
      load.set(worker, (load.get(worker) ?? 1) - 1);
      if ('result' in reply) job.resolve(reply.result);
      else job.reject(new Error(`the story compiler failed: ${reply.error}`));
    });
    worker.on('error', (error) => failAll(worker, error));
    worker.on('exit', (code) => failAll(worker, new Error(`a compile thread stopped (exit code ${code})`)));
    load.set(worker, 0);
  }

  const compile: StoryCompiler = (path, source, context) => {
    if (broken) return inProcess.compile(path, source, context);
    // The least busy thread takes the story.
    const [worker] = [...load.entries()].sort((a, b) => a[1] - b[1])[0] as [Worker, number];
    load.set(worker, (load.get(worker) ?? 0) + 1);
    const id = nextId++;
    return new Promise<CompileResult>((resolve, reject) => {
      pending.set(id, { resolve, reject, worker });
      worker.postMessage({ id, path, source, context } satisfies CompileRequest);
    }).catch(() => inProcess.compile(path, source, context));
  };

  return {
    compile,
    usingThreads: () => !broken,
    async close() {
      broken = true;
      await Promise.all([...load.keys()].map((worker) => worker.terminate()));
    },
  };
}
