// What the benchmarks' page checks (page-checks.mjs) expect of a story: its locked parts as the
// story's own source compiles them (compileStory, src/lib/content/compile-story.ts), read from
// the content folder the bench server takes its stories from, not from the pages under test.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

const { compileStory } = await import('../../src/lib/content/compile-story.ts');

const idsIn = (dir) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.slice(0, -'.yaml'.length));

/** The story file: articles/<slug>.mdx (stories cannot sit in subfolders). */
function storyFile(contentDir, slug) {
  const file = path.join(contentDir, 'articles', `${slug}.mdx`);
  if (!existsSync(file)) throw new Error(`no ${file}: the page checks need the story's source`);
  return file;
}

/**
 * Each story `{ path, slug, ... }` with `lockedParts` added: `[{ part, html }]` compiled from its
 * source in `contentDir`. Throws, naming the file, when a source does not compile.
 */
export function withLockedParts(stories, contentDir) {
  const context = { sections: idsIn(path.join(contentDir, 'sections')), authors: idsIn(path.join(contentDir, 'authors')) };
  return stories.map((story) => {
    const file = storyFile(contentDir, story.slug);
    const compiled = compileStory(path.relative(contentDir, file), readFileSync(file, 'utf8'), context);
    if (!compiled.ok) throw new Error(`${file} does not compile: ${compiled.problems.map((p) => `${p.line}: ${p.message}`).join('; ')}`);
    return { ...story, lockedParts: compiled.story.lockedParts.map(({ part, html }) => ({ part, html })) };
  });
}
