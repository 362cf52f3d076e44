// Published stories with locked parts, read from the MDX sources, so tests can unlock real
// stories without naming them one by one.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './test-site.ts';

export interface StoryAddress {
  section: string;
  slug: string;
}

const field = (source: string, name: string) => new RegExp(`^${name}:\\s*"?([^"\\n]+)"?\\s*$`, 'm').exec(source)?.[1]?.trim();

/** Stories in content/articles that are public now and have a locked part, in file order. */
export function lockedStories(articlesDir = path.join(ROOT, 'content/articles'), now = new Date()): StoryAddress[] {
  return readdirSync(articlesDir)
    .filter((file) => file.endsWith('.mdx'))
    .sort()
    .flatMap((file) => {
      const source = readFileSync(path.join(articlesDir, file), 'utf8');
      const section = field(source, 'section');
      const published = field(source, 'publishedAt');
      const isPublic = field(source, 'draft') !== 'true' && published !== undefined && new Date(published) <= now;
      const locked = /<(KeyInsights|ExecutiveActions)\b/.test(source);
      return section && isPublic && locked ? [{ section, slug: file.replace(/\.mdx$/, '') }] : [];
    });
}
