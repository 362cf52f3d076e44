import { describe, expect, it } from 'vitest';
import { breadcrumbJsonLd, LOCKED_PART_CLASS, newsArticleJsonLd, serializeJsonLd, type JsonLdContext } from '../../src/lib/seo/json-ld.ts';
import { makeStory } from '../support/story-factory.ts';

const ctx: JsonLdContext = {
  siteUrl: 'https://masthead.example',
  publicationName: 'Masthead',
  sectionName: 'Autos',
  authorNames: [{ name: 'Priya Raman', url: '/authors/priya-raman/' }],
};

const story = makeStory({
  slug: 'arkwell-plant',
  section: 'autos',
  title: 'Arkwell starts output at Spanish plant',
  dek: 'A bet on phosphate cells.',
  tags: ['batteries', 'europe'],
  publishedAt: new Date('2026-08-25T07:15:00Z'),
  publicWords: 512,
});

describe('newsArticleJsonLd', () => {
  const data = newsArticleJsonLd(story, ctx);

  it('declares the article as not free to read', () => {
    expect(data.isAccessibleForFree).toBe(false);
  });

  it('points at the locked part by CSS class, as a WebPageElement that is not free', () => {
    expect(data.hasPart).toEqual({ '@type': 'WebPageElement', isAccessibleForFree: false, cssSelector: '.locked-part' });
    expect(data.hasPart.cssSelector).toBe(`.${LOCKED_PART_CLASS}`);
  });

  it('carries no article body, so the locked text cannot leak through it', () => {
    expect(data).not.toHaveProperty('articleBody');
    expect(JSON.stringify(data)).not.toContain('articleBody');
  });

  it('describes the story with absolute URLs', () => {
    expect(data).toMatchObject({
      '@type': 'NewsArticle',
      url: 'https://masthead.example/autos/arkwell-plant/',
      mainEntityOfPage: { '@type': 'WebPage', '@id': 'https://masthead.example/autos/arkwell-plant/' },
      headline: 'Arkwell starts output at Spanish plant',
      description: 'A bet on phosphate cells.',
      articleSection: 'Autos',
      keywords: 'batteries, europe',
      wordCount: 512,
      author: [{ '@type': 'Person', name: 'Priya Raman', url: 'https://masthead.example/authors/priya-raman/' }],
      publisher: { '@type': 'NewsMediaOrganization', name: 'Masthead' },
    });
  });

  it.each([
    { name: 'dates a story never updated by its publication', updatedAt: undefined, modified: '2026-08-25T07:15:00.000Z' },
    { name: 'dates an updated story by its update', updatedAt: new Date('2026-08-26T10:00:00Z'), modified: '2026-08-26T10:00:00.000Z' },
  ])('$name', ({ updatedAt, modified }) => {
    const ld = newsArticleJsonLd(makeStory({ ...story, updatedAt }), ctx);
    expect([ld.datePublished, ld.dateModified]).toEqual(['2026-08-25T07:15:00.000Z', modified]);
  });

  it.each([
    { name: 'lists the lead image as an absolute URL', image: { src: '/_astro/lead.abc123.jpg', alt: 'A plant' }, expected: ['https://masthead.example/_astro/lead.abc123.jpg'] },
    { name: 'has no image when the story has none', image: undefined, expected: undefined },
  ])('$name', ({ image, expected }) => {
    const ld: { image?: string[] } = newsArticleJsonLd(makeStory({ ...story, image }), ctx);
    expect(ld.image).toEqual(expected);
  });
});

describe('breadcrumbJsonLd', () => {
  it('numbers the crumbs from 1 with absolute URLs', () => {
    const data = breadcrumbJsonLd(
      [
        { name: 'Home', path: '/' },
        { name: 'Autos', path: '/autos/' },
      ],
      'https://masthead.example',
    );
    expect(data.itemListElement).toEqual([
      { '@type': 'ListItem', position: 1, name: 'Home', item: 'https://masthead.example/' },
      { '@type': 'ListItem', position: 2, name: 'Autos', item: 'https://masthead.example/autos/' },
    ]);
  });
});

describe('serializeJsonLd', () => {
  const hostile = { headline: '</script><script>alert(1)</script>', note: '<!-- a comment -->', ok: 'a & b > c' };

  it('escapes "<" so no string can close the script tag', () => {
    const json = serializeJsonLd(hostile);
    expect(json).not.toContain('<');
    expect(json.toLowerCase()).not.toContain('</script');
    expect(json).not.toContain('<!--');
  });

  it('is JSON that reads back as the same data', () => {
    expect(JSON.parse(serializeJsonLd(hostile))).toEqual(hostile);
    const article = newsArticleJsonLd(makeStory({ ...story, title: 'Q&A: </script> "quoted"' }), ctx);
    expect(JSON.parse(serializeJsonLd(article))).toEqual(JSON.parse(JSON.stringify(article)));
  });
});
