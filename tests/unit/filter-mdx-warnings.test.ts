import { describe, expect, it } from 'vitest';
import { filterMdxBuildWarnings, isHarmlessMdxWarning } from '../../src/build/filter-mdx-warnings.mjs';

const headInject = {
  code: 'MODULE_LEVEL_DIRECTIVE',
  message: 'Module level directives cause errors when bundled, "use astro:head-inject" in "content/articles/a.mdx" was ignored.',
};

/** The warnings that reach the build output. */
function passedOn(warnings: { code?: string; message?: string }[]) {
  const shown: unknown[] = [];
  for (const warning of warnings) filterMdxBuildWarnings(warning, (w) => shown.push(w));
  return shown;
}

describe('filterMdxBuildWarnings', () => {
  it('drops the "use astro:head-inject" directive warning of a compiled MDX file', () => {
    expect(passedOn([headInject])).toEqual([]);
  });

  it.each([
    { name: 'another module-level directive', warning: { code: 'MODULE_LEVEL_DIRECTIVE', message: 'Module level directives cause errors when bundled, "use client" in "src/x.js" was ignored.' } },
    { name: 'another code that mentions the directive', warning: { code: 'EVAL', message: 'use astro:head-inject appears near eval' } },
    { name: 'a circular dependency', warning: { code: 'CIRCULAR_DEPENDENCY', message: 'Circular dependency: a.ts -> b.ts -> a.ts' } },
    { name: 'a warning with no code', warning: { message: 'Something looks wrong' } },
    { name: 'a directive warning with no message', warning: { code: 'MODULE_LEVEL_DIRECTIVE' } },
  ])('passes on $name unchanged', ({ warning }) => {
    expect(passedOn([warning])).toEqual([warning]);
    expect(passedOn([warning])[0]).toBe(warning);
  });

  it('passes on the real warnings among many MDX ones, in order', () => {
    const real1 = { code: 'UNRESOLVED_IMPORT', message: 'Could not resolve "./chart"' };
    const real2 = { code: 'EMPTY_BUNDLE', message: 'Generated an empty chunk' };
    expect(passedOn([headInject, real1, headInject, headInject, real2])).toEqual([real1, real2]);
  });
});

describe('isHarmlessMdxWarning', () => {
  it.each([
    { warning: headInject, expected: true },
    { warning: { ...headInject, code: 'OTHER' }, expected: false },
    { warning: { ...headInject, message: 'Module level directives cause errors when bundled, "use strict" was ignored.' }, expected: false },
  ])('is $expected for $warning.code: $warning.message', ({ warning, expected }) => {
    expect(isHarmlessMdxWarning(warning)).toBe(expected);
  });
});
