// A live loader over the story store: loadEntry is the article page's own read
// (findStoryAt in src/server/content/story-reads.ts, the row with its public HTML), and the
// entry carries that HTML as `rendered.html`, as Astro's live collections expect. The id is
// "<section>/<slug>", the article's path.
import type { LiveLoader } from 'astro/loaders';
import { findStoryAt } from '../../../src/server/content/story-reads.ts';

/** What a story entry's `data` holds: what the bench's layout shows. */
export interface StoryEntryData {
  title: string;
  dek: string;
  section: string;
  publishedAt: Date;
}

/** getLiveEntry('stories', id) hands the loader `{ id }`. (Named here: LiveLoader's default
 * filter type, `never`, makes a conditional type that TypeScript reads as `never`.) */
type StoryFilter = { id: string };

export function storyLoader(): LiveLoader<StoryEntryData, StoryFilter> {
  return {
    name: 'masthead-stories',
    async loadEntry({ filter }) {
      const [section = '', slug = ''] = filter.id.split('/');
      const story = await findStoryAt(section, slug);
      if (!story) return undefined;
      return {
        id: filter.id,
        data: { title: story.title, dek: story.dek, section: story.section, publishedAt: story.publishedAt },
        rendered: { html: story.publicHtml },
        cacheHint: { tags: [`story:${story.slug}`], lastModified: story.updatedAt ?? story.publishedAt },
      };
    },
    // The bench reads single entries only; a listing would be a query of its own.
    async loadCollection() {
      return { entries: [] };
    },
  };
}
