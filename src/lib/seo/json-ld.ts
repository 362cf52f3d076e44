// Structured data for search engines. The article's locked section is declared, never
// included: articleBody is absent and hasPart points at the locked section by CSS class.
import type { Story } from '../content/story.ts';

/** The class every locked section carries, teaser or open; JSON-LD points at it. */
export const LOCKED_PART_CLASS = 'locked-part';

export interface JsonLdContext {
  siteUrl: string;
  publicationName: string;
  sectionName: string;
  authorNames: { name: string; url: string }[];
}

export function newsArticleJsonLd(story: Story, ctx: JsonLdContext) {
  const url = new URL(`/${story.section}/${story.slug}/`, ctx.siteUrl).href;
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    mainEntityOfPage: { '@type': 'WebPage', '@id': url },
    url,
    headline: story.title,
    description: story.dek,
    articleSection: ctx.sectionName,
    keywords: story.tags.join(', '),
    datePublished: story.publishedAt.toISOString(),
    dateModified: (story.updatedAt ?? story.publishedAt).toISOString(),
    wordCount: story.publicWords,
    author: ctx.authorNames.map((a) => ({ '@type': 'Person', name: a.name, url: new URL(a.url, ctx.siteUrl).href })),
    publisher: { '@type': 'NewsMediaOrganization', name: ctx.publicationName, url: ctx.siteUrl },
    ...(story.image ? { image: [new URL(story.image.src, ctx.siteUrl).href] } : {}),
    isAccessibleForFree: false,
    hasPart: {
      '@type': 'WebPageElement',
      isAccessibleForFree: false,
      cssSelector: `.${LOCKED_PART_CLASS}`,
    },
  };
}

export interface Crumb {
  name: string;
  path: string;
}

export function breadcrumbJsonLd(crumbs: readonly Crumb[], siteUrl: string) {
  return {
    '@context': 'https://schema.org',
    '@type': 'BreadcrumbList',
    itemListElement: crumbs.map((c, i) => ({
      '@type': 'ListItem',
      position: i + 1,
      name: c.name,
      item: new URL(c.path, siteUrl).href,
    })),
  };
}

/** JSON for a script tag: "<" is escaped so no string can close the tag. */
export function serializeJsonLd(data: unknown): string {
  return JSON.stringify(data).replace(/</g, '\\u003c');
}
