// Reads the content collections once per process and hands out plain Story values.
// Content is fixed for the life of a build, so the mapping is memoized.
import { getCollection, getEntry, type CollectionEntry } from 'astro:content';
import { byRecency, isPublished, type Story } from '../../lib/content/story.ts';
import { countWords } from '../../lib/content/reading-time.ts';
import { hasComponent, publicText } from '../../lib/content/public-text.ts';

export type ArticleEntry = CollectionEntry<'articles'>;
export type Section = CollectionEntry<'sections'>['data'] & { id: string };
export type Author = CollectionEntry<'authors'>['data'] & { id: string };

function toStory(entry: ArticleEntry): Story {
  const { data } = entry;
  const body = entry.body ?? '';
  return {
    slug: entry.id,
    section: data.section,
    title: data.title,
    dek: data.dek,
    summary: data.summary,
    authors: data.authors,
    tags: data.tags,
    publishedAt: data.publishedAt,
    updatedAt: data.updatedAt,
    draft: data.draft,
    image: data.image && {
      src: data.image.src.src,
      width: data.image.src.width,
      height: data.image.src.height,
      alt: data.image.alt,
      credit: data.image.credit,
    },
    publicWords: countWords(publicText(body)),
    lockedParts: {
      keyInsights: hasComponent(body, 'KeyInsights'),
      executiveActions: hasComponent(body, 'ExecutiveActions'),
    },
  };
}

let cache: Promise<Story[]> | undefined;
let loaded: Story[] = [];

/** Every story, drafts and scheduled ones included, newest first. */
export function allStories(): Promise<Story[]> {
  cache ??= getCollection('articles').then((entries) => (loaded = entries.map(toStory).sort(byRecency)));
  return cache;
}

/** The stories once allStories() has resolved (every page that lists or shows one awaits it
 * first); empty before. For synchronous callers such as the cache headers. */
export function loadedStories(): readonly Story[] {
  return loaded;
}

export async function publishedStories(now: Date): Promise<Story[]> {
  return (await allStories()).filter((s) => isPublished(s, now));
}

/** The story at /<section>/<slug>/ whatever its status (drafts and scheduled ones are for
 * editors' previews; callers decide who may see it), or undefined. */
export async function findStoryAt(section: string, slug: string): Promise<Story | undefined> {
  return (await allStories()).find((s) => s.slug === slug && s.section === section);
}

/** A published story at /<section>/<slug>/, or undefined. */
export async function findPublishedStory(section: string, slug: string, now: Date): Promise<Story | undefined> {
  const story = (await allStories()).find((s) => s.slug === slug && s.section === section);
  return story && isPublished(story, now) ? story : undefined;
}

/** Any story with this slug, published or not (callers check). */
export async function findStoryBySlug(slug: string): Promise<Story | undefined> {
  return (await allStories()).find((s) => s.slug === slug);
}

export async function articleEntry(slug: string): Promise<ArticleEntry | undefined> {
  return getEntry('articles', slug);
}

/** The raw MDX of a story, for surfaces that need its free text (feeds, search). */
export async function storyBody(slug: string): Promise<string> {
  return (await articleEntry(slug))?.body ?? '';
}

let sectionCache: Promise<Section[]> | undefined;
export function allSections(): Promise<Section[]> {
  sectionCache ??= getCollection('sections').then((entries) =>
    entries.map((e) => ({ id: e.id, ...e.data })).sort((a, b) => a.order - b.order || a.name.localeCompare(b.name)),
  );
  return sectionCache;
}

export async function findSection(id: string): Promise<Section | undefined> {
  return (await allSections()).find((s) => s.id === id);
}

let authorCache: Promise<Author[]> | undefined;
export function allAuthors(): Promise<Author[]> {
  authorCache ??= getCollection('authors').then((entries) =>
    entries.map((e) => ({ id: e.id, ...e.data })).sort((a, b) => a.name.localeCompare(b.name)),
  );
  return authorCache;
}

export async function findAuthor(id: string): Promise<Author | undefined> {
  return (await allAuthors()).find((a) => a.id === id);
}
