// Wraps the articles' loader so a story with MDX the site refuses (an import, an export, a
// JavaScript expression, an unknown component: src/lib/content/mdx-constructs.ts) is never
// stored, so never compiled or served. One `import KeyInsights …` line would otherwise replace
// the page's mapping of the locked parts and show them to every reader.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AstroError } from 'astro/errors';
import type { DataStore, Loader, LoaderContext } from 'astro/loaders';
import { constructProblemsInFile } from '../lib/content-checks/check-mdx-constructs.ts';
import { parseFrontmatter } from '../lib/content-checks/frontmatter.ts';

type DataEntry = ReturnType<DataStore['values']>[number];

const HINT = 'Stories may contain Markdown, lowercase HTML tags and the components KeyInsights, ExecutiveActions, PullQuote and Figure (see docs/editing.md). Run `npm run check:content` to see every problem.';

/** `file:line: message` for each refused construct of the entry's file; none if it cannot be read. */
function refusals(entry: DataEntry, root: string): string[] {
  if (!entry.filePath) return [];
  const file = path.resolve(root, entry.filePath);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  const shown = path.relative(process.cwd(), file);
  return constructProblemsInFile(text, parseFrontmatter(text).bodyOffset).map((p) => `${shown}:${p.line}: ${p.message}`);
}

export function checkedStoryLoader(inner: Loader): Loader {
  return {
    ...inner,
    load: async (context: LoaderContext) => {
      const root = fileURLToPath(context.config.root);
      const found: string[] = [];
      const seen = new Set<string>();
      let loaded = false;
      /** Whether the entry may be stored; a refused one is reported instead. */
      const admit = (entry: DataEntry): boolean => {
        seen.add(entry.id);
        const lines = refusals(entry, root);
        // After the first load (a save seen by the dev server's watcher) there is no build to
        // stop: the save is not taken in, and the version already loaded, if any, stays up.
        if (loaded && lines.length > 0) context.logger.error(`Story not taken in:\n${lines.join('\n')}`);
        else found.push(...lines);
        return lines.length === 0;
      };
      const store = { ...context.store, set: (entry: DataEntry) => admit(entry) && context.store.set(entry) };
      await inner.load({ ...context, store });
      // Entries kept from the content cache were not set again: check them as well.
      for (const entry of context.store.values()) {
        if (!seen.has(entry.id) && !admit(entry)) context.store.delete(entry.id);
      }
      loaded = true;
      if (found.length > 0) throw new AstroError(`Stories with MDX the site refuses:\n${found.join('\n')}`, HINT);
    },
  };
}
