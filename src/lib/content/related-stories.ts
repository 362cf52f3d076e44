// "More in <Section>": which stories follow an article. Same section first, then the most
// shared tags, then the newest; never the story itself, a draft, a story taken down or one not
// yet published. src/server/content/story-lists.ts (relatedStoriesFor) applies it in the database.
import { byRecency, isPublished, type Story } from './story.ts';

export function relatedStories(story: Story, candidates: readonly Story[], now: Date, limit = 3): Story[] {
  const tags = new Set(story.tags);
  const sharedTags = (other: Story) => other.tags.filter((t) => tags.has(t)).length;
  return candidates
    .filter((other) => other.slug !== story.slug && isPublished(other, now))
    .map((other) => ({ other, sameSection: other.section === story.section ? 1 : 0, shared: sharedTags(other) }))
    .sort((a, b) => b.sameSection - a.sameSection || b.shared - a.shared || byRecency(a.other, b.other))
    .slice(0, limit)
    .map(({ other }) => other);
}
