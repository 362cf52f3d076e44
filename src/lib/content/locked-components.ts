// The MDX components whose children are a story's locked parts, and whether a source uses one.

/** The MDX components whose children are locked. */
export const LOCKED_COMPONENTS = ['KeyInsights', 'ExecutiveActions'] as const;

export function hasComponent(mdx: string, name: (typeof LOCKED_COMPONENTS)[number]): boolean {
  return new RegExp(`<${name}\\b`).test(mdx);
}
