// A generated story's MDX file, written as editors write one in content/articles: the
// frontmatter, the free paragraphs, then both locked parts. The one writer of story files for
// both generators (bench/generate-stories.mjs, bench/lib/archive-generate.mjs).

/** A JSON string is a valid YAML double-quoted scalar. */
export const yamlString = (s) => JSON.stringify(s);

/** The frontmatter's lines, `---` to `---`; `updatedAt` only when given. */
function storyFrontmatter({ title, dek, summary, section, authors, tags, publishedAt, updatedAt }) {
  return [
    '---',
    `title: ${yamlString(title)}`,
    `dek: ${yamlString(dek)}`,
    `summary: ${yamlString(summary)}`,
    `section: ${section}`,
    `authors: [${authors.join(', ')}]`,
    `tags: [${tags.join(', ')}]`,
    `publishedAt: ${publishedAt.toISOString()}`,
    ...(updatedAt ? [`updatedAt: ${updatedAt.toISOString()}`] : []),
    'draft: false',
    '---',
  ];
}

/** A story file's body: the free paragraphs, then both locked parts. */
export function storyBodyMdx(paragraphs, insights, actions) {
  return [paragraphs.join('\n\n'), '', '<KeyInsights>', '', insights.join('\n'), '', '</KeyInsights>', '', '<ExecutiveActions>', '', actions.join('\n'), '', '</ExecutiveActions>', ''].join('\n');
}

/** The whole file: frontmatter, a blank line, the body. */
export function storyMdx(fields, paragraphs, insights, actions) {
  return [...storyFrontmatter(fields), '', storyBodyMdx(paragraphs, insights, actions)].join('\n');
}
