// Rolldown prints one harmless warning per compiled MDX file (Astro marks each with the
// "use astro:head-inject" directive, which bundling is allowed to drop). Stories are no
// longer built, but the editorial pages under src/pages are MDX: this drops only that
// warning, so a build prints only warnings worth reading, and passes every other on.

/** @param {{ code?: string; message?: string }} warning */
export function isHarmlessMdxWarning(warning) {
  return warning.code === 'MODULE_LEVEL_DIRECTIVE' && (warning.message ?? '').includes('use astro:head-inject');
}

/**
 * @param {{ code?: string; message?: string }} warning
 * @param {(warning: any) => void} warn
 */
export function filterMdxBuildWarnings(warning, warn) {
  if (isHarmlessMdxWarning(warning)) return;
  warn(warning);
}
