import { z } from 'astro/zod';
import { describe, expect, it } from 'vitest';
import { toArticle } from '../../../src/lib/content-checks/content-index.ts';
import { planNewStory } from '../../../src/lib/new-story/new-story-plan.ts';
import { slugFromTitle } from '../../../src/lib/new-story/story-template.ts';
import { articleSchema } from '../../../src/lib/content/schemas.ts';

const known = { sectionIds: ['business', 'markets'], authorIds: ['ana-ruiz', 'tom-hale'], storyIds: ['harbour-bank-dividend'] };
const now = new Date('2026-11-24T12:34:56Z');

describe('planNewStory', () => {
  it('writes frontmatter the site’s schema accepts, as a draft, with both locked parts', () => {
    const plan = planNewStory({ title: 'Harbour bank sells its card arm', section: 'business', authors: ['tom-hale'] }, known, now);
    if (!plan.ok) throw new Error(plan.errors.join('; '));
    expect(plan.fileName).toBe('harbour-bank-sells-its-card-arm.mdx');
    const article = toArticle({ file: plan.fileName, pathInArticles: plan.fileName, text: plan.text });
    const parsed = articleSchema({ section: z.string(), author: z.string(), image: z.string() }).parse(article.frontmatter.data);
    expect(parsed).toMatchObject({ title: 'Harbour bank sells its card arm', section: 'business', authors: ['tom-hale'], draft: true, publishedAt: new Date('2026-11-24T12:34:00Z') });
    expect(plan.text).toMatch(/<KeyInsights>\n\n- FILL IN/);
    expect(plan.text).toMatch(/<ExecutiveActions>\n\n1\. FILL IN/);
  });

  it('refuses an unknown section and author, an existing slug, and a bad date, all at once', () => {
    const plan = planNewStory({ title: 'x', section: 'busines', authors: ['tom-hail'], slug: 'Harbour-Bank-Dividend', publishAt: 'soon' }, known, now);
    expect(plan).toEqual({
      ok: false,
      errors: [
        'unknown section "busines": use one of business, markets. Did you mean "business"?',
        'unknown author "tom-hail": use one of ana-ruiz, tom-hale. Did you mean "tom-hale"?',
        'the slug "Harbour-Bank-Dividend" must be lowercase words joined by hyphens, e.g. harbour-bank-dividend',
        '--publish-at "soon" is not a date: write e.g. 2026-07-02T06:45:00Z',
      ],
    });
  });

  it('refuses a slug that exists', () => {
    const plan = planNewStory({ title: 'Harbour bank dividend', section: 'business', authors: ['tom-hale'] }, known, now);
    expect(plan).toEqual({ ok: false, errors: ['a story with the slug "harbour-bank-dividend" already exists: choose another with --slug'] });
  });
});

describe('slugFromTitle', () => {
  it.each([
    ['Leapmotor’s record 93,376 deliveries', 'leapmotors-record-93-376-deliveries'],
    ['Ålesund port: cranes & more!', 'alesund-port-cranes-more'],
    ['!!!', ''],
  ])('%s gives %s', (title, slug) => {
    expect(slugFromTitle(title)).toBe(slug);
  });
});
