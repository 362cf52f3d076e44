// Full-text search over the free text of stories: title, dek, summary and body without the
// locked parts. The caller hands in only public text; the index never sees a locked part.
import MiniSearch from 'minisearch';

export interface SearchDocument {
  slug: string;
  title: string;
  dek: string;
  summary: string;
  body: string;
}

export interface SearchHit {
  slug: string;
  score: number;
  terms: string[];
}

const FIELDS = ['title', 'dek', 'summary', 'body'] as const;

export function buildSearchIndex(docs: readonly SearchDocument[]): MiniSearch<SearchDocument> {
  const index = new MiniSearch<SearchDocument>({
    idField: 'slug',
    fields: [...FIELDS],
    storeFields: [],
    searchOptions: {
      boost: { title: 4, dek: 2, summary: 1.5, body: 1 },
      prefix: (term) => term.length > 3,
      fuzzy: (term) => (term.length > 5 ? 0.15 : false),
      combineWith: 'AND',
    },
  });
  index.addAll(docs);
  return index;
}

/** Longest query accepted; longer input is cut, not refused. */
export const MAX_QUERY_LENGTH = 200;

export function normalizeQuery(raw: string | null | undefined): string {
  return (raw ?? '').replace(/\s+/g, ' ').trim().slice(0, MAX_QUERY_LENGTH);
}

export function searchStories(index: MiniSearch<SearchDocument>, query: string): SearchHit[] {
  const q = normalizeQuery(query);
  if (!q) return [];
  return index.search(q).map((r) => ({ slug: String(r.id), score: r.score, terms: r.terms }));
}
