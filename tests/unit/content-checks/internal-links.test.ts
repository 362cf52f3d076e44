import { describe, expect, it } from 'vitest';
import { checkInternalLinks } from '../../../src/lib/content-checks/check-internal-links.ts';
import { findLinks, sitePath } from '../../../src/lib/content-checks/find-links.ts';
import { NOW, problemsOf } from './fixture-index.ts';

const broken = (line: number, message: string) => ({ file: 'articles/links.mdx', line, message });

describe('checkInternalLinks', () => {
  it('reports every link that leads nowhere, with the most specific reason', () => {
    expect(problemsOf('internal-links', checkInternalLinks)).toEqual([
      broken(11, 'broken link to /business/bond-sale/: the story "bond-sale" is in section "markets": link to /markets/bond-sale/'),
      broken(11, 'broken link to /business/bond-sal/: no story "bond-sal" in business. Did you mean /markets/bond-sale/?'),
      broken(13, 'broken link to /business/merger-talks/: "merger-talks" is a draft: readers would get a 404 (not found); publish it first or remove the link'),
      broken(13, 'broken link to /business/year-end-review/: "year-end-review" publishes on Dec 31, 2099, 7:00 AM UTC, after this story: until then readers would get a 404; schedule this story later or link once it is out'),
      broken(15, 'broken link to /authors/tom-hail/: no author "tom-hail" (authors: ana-ruiz, tom-hale). Did you mean "tom-hale"?'),
      broken(15, 'broken link to /tags/bank/: no story is tagged "bank", so there is no tag page. Did you mean "banks"?'),
      broken(15, 'broken link to /sport/: "sport" is neither a page nor a section (sections: business, markets).'),
      broken(17, 'broken link to /clubs/: "clubs" is neither a page nor a section (sections: business, markets). Did you mean "club"?'),
      broken(17, 'broken link to https://news.example.com/business/nowhere/: no story "nowhere" in business.'),
      broken(21, 'broken link to /tags/mergers/: only stories not yet published are tagged "mergers", so its page would be a 404 for readers'),
      broken(23, 'broken link to /business/linkz/: no story "linkz" in business.'),
    ]);
  });

  it('accepts a link to a scheduled story once the linking story publishes after it', () => {
    const afterBoth = new Date('2100-01-01T00:00:00Z');
    expect(problemsOf('internal-links', checkInternalLinks, afterBoth).map((p) => p.message)).not.toContainEqual(expect.stringContaining('year-end-review'));
  });

  it('finds nothing in a clean content root: stories, sections, authors, tags, fixed pages, public files, drafts linking to drafts', () => {
    expect(problemsOf('clean', checkInternalLinks, NOW)).toEqual([]);
  });
});

describe('findLinks and sitePath', () => {
  it('finds Markdown links, reference definitions, href attributes and autolinks, but not images', () => {
    const prose = '[a](/a/ "t") ![img](/img.png)\n[ref]: /b/\n<a href={"/c/"}>c</a> <https://news.example.com/d/>';
    expect(findLinks(prose).map((l) => l.url)).toEqual(['/a/', '/b/', '/c/', 'https://news.example.com/d/']);
  });

  it.each([
    ['/business/x/?ref=1#top', '/business/x/'],
    ['https://NEWS.example.com/markets/', '/markets/'],
    ['https://other.example.org/markets/', undefined],
    ['//cdn.example.org/x', undefined],
    ['mailto:desk@example.com', undefined],
    ['#key-insights', undefined],
    ['../relative/', undefined],
  ])('%s is the site path %s', (url, expected) => {
    expect(sitePath(url, 'https://news.example.com')).toBe(expected);
  });
});
