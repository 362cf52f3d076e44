// One compile thread of the pool (compile-pool.ts): compiles the stories it is sent with the
// story compiler (src/lib/content/compile-story.ts) and sends each result back by its number.
import { parentPort } from 'node:worker_threads';
import { compileStory } from '../../lib/content/compile-story.ts';
import type { CompileContext } from '../../lib/content/compiled-story.ts';

export interface CompileRequest {
  id: number;
  path: string;
  source: string;
  context: CompileContext;
}

const port = parentPort;
if (!port) throw new Error('compile-worker.ts runs as a worker thread (compile-pool.ts starts it)');
port.on('message', ({ id, path, source, context }: CompileRequest) => {
  try {
    port.postMessage({ id, result: compileStory(path, source, context) });
  } catch (error) {
    port.postMessage({ id, error: (error as Error).stack ?? String(error) });
  }
});
