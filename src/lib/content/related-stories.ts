// "More in <Section>": which stories follow an article. Same section first, then the most
// shared tags, then the newest; never the story itself, a draft, a story taken down or one not
// yet published. This function ranks the candidates it is given, exactly. In the database
// (src/server/content/story-lists.ts, relatedStoriesFor) the candidates are bounded so an
// article costs the same whatever the archive's size: the stories sharing a tag are looked for
// among each tag's RELATED_CANDIDATES_PER_TAG (100) most recently filed stories only, beside the
// section's newest and the newest overall. So in a large archive an old story sharing a busy
// tag may be passed over for a newer story of the section that shares none.
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
