import { describe, expect, it } from 'vitest';
import { matchRoutes, routesFromPageFiles } from '../../../src/lib/content-checks/site-routes.ts';

const routes = routesFromPageFiles([
  'index.astro',
  'club/index.astro',
  'rss.xml.ts',
  '[section]/[slug].astro',
  '[section]/[...page].astro',
  'tags/[tag]/[...page].astro',
  '_partial.astro',
  'styles.css',
]);

describe('routesFromPageFiles', () => {
  it('turns page files into routes, skipping partials and non-pages', () => {
    expect(routes.map((r) => r.file)).toEqual(['index.astro', 'club/index.astro', 'rss.xml.ts', '[section]/[slug].astro', '[section]/[...page].astro', 'tags/[tag]/[...page].astro']);
    expect(routes[1]?.segments).toEqual([{ kind: 'static', value: 'club' }]);
    expect(routes[3]?.segments).toEqual([{ kind: 'param', name: 'section' }, { kind: 'param', name: 'slug' }]);
  });
});

describe('matchRoutes', () => {
  const files = (segments: string[]) => matchRoutes(segments, routes).map((m) => m.route.file);

  it.each([
    [[], ['index.astro']],
    [['club'], ['club/index.astro', '[section]/[...page].astro']],
    [['rss.xml'], ['rss.xml.ts', '[section]/[...page].astro']],
    [['business', 'a-story'], ['[section]/[slug].astro', '[section]/[...page].astro']],
    [['tags', 'banks', 'page', '2'], ['[section]/[...page].astro', 'tags/[tag]/[...page].astro']],
  ])('%j fits %j', (segments, expected) => {
    expect(files(segments)).toEqual(expected);
  });

  it('hands out parameters with the segment each starts at', () => {
    const match = matchRoutes(['tags', 'banks', 'page', '2'], routes).find((m) => m.route.file.startsWith('tags/'));
    expect(match?.params).toEqual([{ name: 'tag', value: 'banks', position: 1 }, { name: 'page', value: 'page/2', position: 2 }]);
  });
});
