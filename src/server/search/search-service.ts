// The search index of this process, built on first use from every non-draft story's free
// text. Results are filtered by the clock at query time, so a scheduled story becomes
// findable when its time comes without a rebuild.
import type MiniSearch from 'minisearch';
import { buildSearchIndex, searchStories, type SearchDocument } from '../../lib/search/search-index.ts';
import { snippet, type SnippetPart } from '../../lib/search/snippet.ts';
import { publicText } from '../../lib/content/public-text.ts';
import { isPublished, type Story } from '../../lib/content/story.ts';
import { allStories, storyBody } from '../content/stories.ts';

interface LoadedIndex {
  index: MiniSearch<SearchDocument>;
  docs: Map<string, SearchDocument>;
  stories: Map<string, Story>;
}

let loaded: Promise<LoadedIndex> | undefined;

async function load(): Promise<LoadedIndex> {
  const stories = (await allStories()).filter((s) => !s.draft);
  const docs = await Promise.all(
    stories.map(async (s) => ({ slug: s.slug, title: s.title, dek: s.dek, summary: s.summary, body: publicText(await storyBody(s.slug)) })),
  );
  return {
    index: buildSearchIndex(docs),
    docs: new Map(docs.map((d) => [d.slug, d])),
    stories: new Map(stories.map((s) => [s.slug, s])),
  };
}

export interface SearchResult {
  story: Story;
  snippet: SnippetPart[];
}

export async function search(query: string, now: Date, limit = 30): Promise<SearchResult[]> {
  loaded ??= load();
  const { index, docs, stories } = await loaded;
  return searchStories(index, query).flatMap((hit) => {
    const story = stories.get(hit.slug);
    const doc = docs.get(hit.slug);
    if (!story || !doc || !isPublished(story, now)) return [];
    const source = [doc.body, doc.summary, doc.dek].find((t) => hit.terms.some((term) => t.toLowerCase().includes(term))) ?? doc.dek;
    return [{ story, snippet: snippet(source, hit.terms) }];
  }).slice(0, limit);
}
