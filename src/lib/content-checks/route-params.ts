// Whether a route parameter names something that exists for readers of a given story:
// a section, an author, a tag some public story carries, a page number, or a story that is
// public by the time the linking story is.
import { parsePageParam } from '../content/paginate.ts';
import { formatDateTime } from '../content/format.ts';
import { closestMatch, didYouMean } from './closest-match.ts';
import { isPublicAt, type Article, type ContentIndex } from './content-index.ts';
import type { RouteMatch } from './site-routes.ts';

/** Why a parameter does not resolve, or undefined when it does. */
export type ParamFailure = { position: number; message: string } | undefined;

/**
 * When a link from `source` goes live: never for a draft (its links are not yet read, so
 * drafts may link to drafts), else its publication time or now, whichever is later.
 */
export function liveFrom(source: Article, now: Date): Date | undefined {
  if (source.draft) return undefined;
  const published = source.publishedAt ?? now;
  return published > now ? published : now;
}

export function firstFailure(match: RouteMatch, source: Article, index: ContentIndex): ParamFailure {
  const values = new Map(match.params.map((p) => [p.name, p.value]));
  for (const param of match.params) {
    const message = explain(param.name, param.value, values, source, index);
    if (message) return { position: param.position, message };
  }
  return undefined;
}

function explain(name: string, value: string, values: Map<string, string>, source: Article, index: ContentIndex): string | undefined {
  switch (name) {
    case 'section':
      return index.sectionIds.includes(value)
        ? undefined
        : `"${value}" is neither a page nor a section (sections: ${index.sectionIds.join(', ')}).${didYouMean(value, [...index.sectionIds, ...fixedPageNames(index)])}`;
    case 'author':
      return index.authorIds.includes(value)
        ? undefined
        : `no author "${value}" (authors: ${index.authorIds.join(', ')}).${didYouMean(value, index.authorIds)}`;
    case 'tag':
      return explainTag(value, source, index);
    case 'page':
      return parsePageParam(value) === undefined ? `"${value}" is not a page of a listing; later pages look like …/page/2/` : undefined;
    case 'slug':
      return explainStory(values.get('section') ?? '', value, source, index);
    default:
      // A parameter this checker does not know (a new kind of page): trust it.
      return undefined;
  }
}

function explainTag(tag: string, source: Article, index: ContentIndex): string | undefined {
  const live = liveFrom(source, index.now);
  const carriers = index.articles.filter((a) => a.tags.includes(tag));
  if (carriers.some((a) => !live || isPublicAt(a, live))) return undefined;
  if (carriers.length > 0) return `only stories not yet published are tagged "${tag}", so its page would be a 404 for readers`;
  const allTags = [...new Set(index.articles.flatMap((a) => a.tags))];
  return `no story is tagged "${tag}", so there is no tag page.${didYouMean(tag, allTags)}`;
}

function explainStory(section: string, slug: string, source: Article, index: ContentIndex): string | undefined {
  const story = index.articles.find((a) => a.id === slug);
  if (!story) {
    const closest = closestMatch(slug, index.articles.filter((a) => a !== source).map((a) => a.id));
    const suggestion = index.articles.find((a) => a.id === closest);
    return `no story "${slug}" in ${section}.${suggestion ? ` Did you mean /${suggestion.section}/${suggestion.id}/?` : ''}`;
  }
  if (story.section !== section) return `the story "${slug}" is in section "${story.section}": link to /${story.section}/${slug}/`;
  const live = liveFrom(source, index.now);
  if (!live || isPublicAt(story, live)) return undefined;
  if (story.draft) return `"${slug}" is a draft: readers would get a 404 (not found); publish it first or remove the link`;
  const when = story.publishedAt ? `on ${formatDateTime(story.publishedAt)}` : 'at an unknown time';
  return `"${slug}" publishes ${when}, after this story: until then readers would get a 404; schedule this story later or link once it is out`;
}

/** First segments of the fixed pages ("club", "search"), for suggestions. */
function fixedPageNames(index: ContentIndex): string[] {
  return index.routes.flatMap((route) => (route.segments[0]?.kind === 'static' ? [route.segments[0].value] : []));
}
