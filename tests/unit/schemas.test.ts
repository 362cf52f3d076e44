import { describe, expect, it } from 'vitest';
import { z } from 'astro/zod';
import { articleSchema, authorSchema, LIMITS, sectionSchema } from '../../src/lib/content/schemas.ts';

const article = articleSchema({ section: z.string(), author: z.string(), image: z.string() });

const valid = {
  title: "Leapmotor's record 93,376 deliveries put pressure on Tesla",
  dek: 'The Chinese carmaker outsold its rival in Europe for the first time.',
  summary: 'Deliveries rose 40% in the quarter. Margins did not.',
  section: 'autos',
  authors: ['mei-lin-zhao'],
  publishedAt: '2026-07-02T06:45:00Z',
};

/** Frontmatter like `valid` with some fields changed, or removed when given undefined. */
function frontmatter(changes: Record<string, unknown>): Record<string, unknown> {
  const data: Record<string, unknown> = { ...valid, ...changes };
  for (const [key, value] of Object.entries(changes)) if (value === undefined) delete data[key];
  return data;
}

/** The first problem zod reports, as an editor would read it: the field and the message. */
function firstIssue(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } | undefined }) {
  expect(result.success).toBe(false);
  const issue = result.error?.issues[0];
  return { path: issue?.path.join('.'), message: issue?.message };
}

describe('articleSchema', () => {
  it.each([
    { name: 'accepts the required fields alone', changes: {} },
    { name: 'accepts lowercase hyphenated tags', changes: { tags: ['electric-vehicles', 'china', 'q2-2026'] } },
    { name: `accepts ${LIMITS.tags} tags`, changes: { tags: Array.from({ length: LIMITS.tags }, (_, i) => `tag-${i}`) } },
    { name: 'accepts an updatedAt after publishedAt', changes: { updatedAt: '2026-07-02T11:20:00Z' } },
    { name: 'accepts an updatedAt equal to publishedAt', changes: { updatedAt: '2026-07-02T06:45:00Z' } },
    { name: 'accepts dates that YAML has already parsed', changes: { publishedAt: new Date('2026-07-02T06:45:00Z') } },
    { name: 'accepts an image with alt text and a credit', changes: { image: { src: './lead.jpg', alt: 'A car on a quay', credit: 'Reuters' } } },
    { name: `accepts a headline of exactly ${LIMITS.title} characters`, changes: { title: 'h'.repeat(LIMITS.title) } },
    { name: 'accepts a draft', changes: { draft: true } },
  ])('$name', ({ changes }) => {
    expect(article.safeParse(frontmatter(changes)).success).toBe(true);
  });

  it.each([
    { name: 'refuses a missing headline', changes: { title: undefined }, path: 'title', message: 'a headline is required' },
    { name: 'refuses a blank headline', changes: { title: '   ' }, path: 'title', message: 'a headline is required' },
    { name: 'refuses a headline too long', changes: { title: 'h'.repeat(LIMITS.title + 1) }, path: 'title', message: `keep the headline under ${LIMITS.title} characters` },
    { name: 'refuses a missing dek', changes: { dek: undefined }, path: 'dek', message: 'a dek (one-sentence standfirst) is required' },
    { name: 'refuses an empty dek', changes: { dek: '' }, path: 'dek', message: 'a dek (one-sentence standfirst) is required' },
    { name: 'refuses a dek too long', changes: { dek: 'd'.repeat(LIMITS.dek + 1) }, path: 'dek', message: `keep the dek under ${LIMITS.dek} characters` },
    { name: 'refuses a missing summary', changes: { summary: undefined }, path: 'summary', message: 'a summary for decision-makers is required' },
    { name: 'refuses a summary too long', changes: { summary: 's'.repeat(LIMITS.summary + 1) }, path: 'summary', message: `keep the summary under ${LIMITS.summary} characters` },
    { name: 'refuses missing authors', changes: { authors: undefined }, path: 'authors', message: 'name at least one author id from content/authors' },
    { name: 'refuses an empty author list', changes: { authors: [] }, path: 'authors', message: 'name at least one author id from content/authors' },
    { name: 'refuses a tag with capitals and spaces', changes: { tags: ['china', 'Electric Vehicles'] }, path: 'tags.1', message: 'tags are lowercase words joined by hyphens, e.g. "electric-vehicles"' },
    { name: 'refuses a tag with underscores', changes: { tags: ['electric_vehicles'] }, path: 'tags.0', message: 'tags are lowercase words joined by hyphens, e.g. "electric-vehicles"' },
    { name: 'refuses a tag with a trailing hyphen', changes: { tags: ['china-'] }, path: 'tags.0', message: 'tags are lowercase words joined by hyphens, e.g. "electric-vehicles"' },
    { name: 'refuses too many tags', changes: { tags: Array.from({ length: LIMITS.tags + 1 }, (_, i) => `tag-${i}`) }, path: 'tags', message: `use at most ${LIMITS.tags} tags` },
    { name: 'refuses a missing publishedAt', changes: { publishedAt: undefined }, path: 'publishedAt', message: 'publishedAt must be a date, e.g. 2026-07-02T06:45:00Z' },
    { name: 'refuses a publishedAt that is not a date', changes: { publishedAt: 'next Tuesday' }, path: 'publishedAt', message: 'publishedAt must be a date, e.g. 2026-07-02T06:45:00Z' },
    { name: 'refuses a blank publishedAt rather than dating it 1970', changes: { publishedAt: null }, path: 'publishedAt', message: 'publishedAt must be a date, e.g. 2026-07-02T06:45:00Z' },
    { name: 'refuses a bare number as publishedAt', changes: { publishedAt: 2026 }, path: 'publishedAt', message: 'publishedAt must be a date, e.g. 2026-07-02T06:45:00Z' },
    { name: 'refuses an updatedAt that is not a date', changes: { updatedAt: 'later' }, path: 'updatedAt', message: 'updatedAt must be a date, e.g. 2026-07-02T11:20:00Z' },
    { name: 'refuses an updatedAt before publishedAt', changes: { updatedAt: '2026-07-02T06:44:59Z' }, path: 'updatedAt', message: 'updatedAt must not be before publishedAt' },
    { name: 'refuses an image without alt text', changes: { image: { src: './lead.jpg' } }, path: 'image.alt', message: 'every image needs alt text describing it' },
    { name: 'refuses an image with blank alt text', changes: { image: { src: './lead.jpg', alt: ' ' } }, path: 'image.alt', message: 'every image needs alt text describing it' },
  ])('$name', ({ changes, path, message }) => {
    expect(firstIssue(article.safeParse(frontmatter(changes)))).toEqual({ path, message });
  });

  it('is not a draft unless it says so', () => {
    expect(article.parse(valid).draft).toBe(false);
  });

  it('has no tags unless it names some', () => {
    expect(article.parse(valid).tags).toEqual([]);
  });

  it('turns date strings into dates', () => {
    const data = article.parse(frontmatter({ updatedAt: '2026-07-02T11:20:00Z' }));
    expect(data.publishedAt).toEqual(new Date('2026-07-02T06:45:00Z'));
    expect(data.updatedAt).toEqual(new Date('2026-07-02T11:20:00Z'));
  });

  it('trims the headline, dek and summary', () => {
    const data = article.parse(frontmatter({ title: '  Headline \n', dek: ' Dek ', summary: '\tSummary ' }));
    expect([data.title, data.dek, data.summary]).toEqual(['Headline', 'Dek', 'Summary']);
  });

  it('checks section and author ids with the schemas it is given', () => {
    const strict = articleSchema({ section: z.enum(['autos']), author: z.enum(['mei-lin-zhao']), image: z.string() });
    expect(strict.safeParse(valid).success).toBe(true);
    expect(firstIssue(strict.safeParse(frontmatter({ section: 'sport' }))).path).toBe('section');
    expect(firstIssue(strict.safeParse(frontmatter({ authors: ['mei-lin-zhao', 'nobody'] }))).path).toBe('authors.1');
  });
});

describe('authorSchema', () => {
  const author = { name: 'Mei-Lin Zhao', role: 'Autos Correspondent', bio: 'Covers carmakers from Shanghai.' };

  it('accepts a name, role and bio', () => {
    expect(authorSchema.safeParse(author).success).toBe(true);
  });

  it.each([
    { name: 'refuses a missing name', data: { ...author, name: undefined }, path: 'name' },
    { name: 'refuses a blank role', data: { ...author, role: '  ' }, path: 'role' },
    { name: 'refuses an empty bio', data: { ...author, bio: '' }, path: 'bio' },
  ])('$name', ({ data, path }) => {
    expect(firstIssue(authorSchema.safeParse(data)).path).toBe(path);
  });
});

describe('sectionSchema', () => {
  const section = { name: 'Business', description: 'Companies, deals and the people who run them.', order: 0 };

  it('accepts a name, description and position', () => {
    expect(sectionSchema.safeParse(section).success).toBe(true);
  });

  it.each([
    { name: 'refuses a blank name', data: { ...section, name: ' ' }, path: 'name' },
    { name: 'refuses a missing description', data: { ...section, description: undefined }, path: 'description' },
    { name: 'refuses a negative position', data: { ...section, order: -1 }, path: 'order' },
    { name: 'refuses a fractional position', data: { ...section, order: 1.5 }, path: 'order' },
    { name: 'refuses a position written as text', data: { ...section, order: '1' }, path: 'order' },
  ])('$name', ({ data, path }) => {
    expect(firstIssue(sectionSchema.safeParse(data)).path).toBe(path);
  });
});
