// The site's routes, derived from the file names in src/pages (so the list stays right as
// pages are added), and matching a path against them.

export type RouteSegment =
  | { kind: 'static'; value: string }
  | { kind: 'param'; name: string }
  /** [...name]: any number of segments, including none. */
  | { kind: 'rest'; name: string };

export interface RoutePattern {
  /** The page file, relative to src/pages, e.g. "[section]/[slug].astro". */
  file: string;
  segments: RouteSegment[];
}

const PAGE_EXTENSIONS = /\.(?:astro|md|mdx|html|ts|js|mjs)$/;

/** Routes from page files (paths relative to src/pages, "/" separators); non-page files are skipped. */
export function routesFromPageFiles(files: readonly string[]): RoutePattern[] {
  return files
    .filter((file) => PAGE_EXTENSIONS.test(file) && !file.split('/').some((part) => part.startsWith('_')))
    .map((file) => {
      const parts = file.replace(PAGE_EXTENSIONS, '').split('/');
      if (parts.at(-1) === 'index') parts.pop();
      return { file, segments: parts.map(toSegment) };
    });
}

function toSegment(part: string): RouteSegment {
  const rest = /^\[\.\.\.(\w+)\]$/.exec(part);
  if (rest?.[1]) return { kind: 'rest', name: rest[1] };
  const param = /^\[(\w+)\]$/.exec(part);
  if (param?.[1]) return { kind: 'param', name: param[1] };
  return { kind: 'static', value: part };
}

export interface RouteMatch {
  route: RoutePattern;
  /** Parameter values, in path order, with the index of the segment each starts at. */
  params: { name: string; value: string; position: number }[];
  staticSegments: number;
}

/** Every route the path's segments fit (static parts equal, params non-empty). */
export function matchRoutes(pathSegments: readonly string[], routes: readonly RoutePattern[]): RouteMatch[] {
  return routes.flatMap((route) => {
    const params = fit(route.segments, pathSegments, 0);
    return params ? [{ route, params, staticSegments: route.segments.filter((s) => s.kind === 'static').length }] : [];
  });
}

function fit(segments: readonly RouteSegment[], path: readonly string[], position: number): RouteMatch['params'] | undefined {
  const [segment, ...remaining] = segments;
  if (!segment) return path.length === 0 ? [] : undefined;
  if (segment.kind === 'rest') {
    // A rest parameter takes what the segments after it leave over (here it is always last).
    const take = path.length - remaining.length;
    if (take < 0) return undefined;
    const after = fit(remaining, path.slice(take), position + take);
    return after && [{ name: segment.name, value: path.slice(0, take).join('/'), position }, ...after];
  }
  const [head, ...tail] = path;
  if (head === undefined) return undefined;
  if (segment.kind === 'static' && segment.value !== head) return undefined;
  const after = fit(remaining, tail, position + 1);
  if (!after) return undefined;
  return segment.kind === 'param' ? [{ name: segment.name, value: head, position }, ...after] : after;
}
