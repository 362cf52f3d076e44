// The file `npm run new:story` writes: complete frontmatter and both locked parts, with
// placeholders marked so `check:content` finds any left behind once the story is no draft.

/** Every placeholder starts with this; the checker looks for it. */
export const PLACEHOLDER_MARKER = 'FILL IN';

export interface NewStory {
  title: string;
  section: string;
  authors: string[];
  publishedAt: Date;
}

const fill = (what: string) => `${PLACEHOLDER_MARKER}: ${what}`;

/** A slug from a headline: lowercase ASCII words joined by hyphens, at most about 80 characters. */
export function slugFromTitle(title: string): string {
  const words = title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
  let slug = '';
  for (const word of words) {
    if (slug && slug.length + word.length + 1 > 80) break;
    slug = slug ? `${slug}-${word}` : word;
  }
  return slug;
}

export function storyTemplate(story: NewStory): string {
  // JSON strings are valid YAML double-quoted strings, so any headline is written safely.
  const quote = (text: string) => JSON.stringify(text);
  return `---
title: ${quote(story.title)}
dek: ${quote(fill('one sentence under the headline: the news and why it matters.'))}
summary: ${quote(fill('two or three sentences for decision-makers, shown in a box above the body.'))}
section: ${story.section}
authors: [${story.authors.join(', ')}]
tags: []                # lowercase words joined by hyphens, e.g. [electric-vehicles, china]
publishedAt: ${story.publishedAt.toISOString().replace('.000Z', 'Z')}
draft: true             # set to false when the story is ready; a future publishedAt schedules it
---

${fill('the first paragraph: what happened, to whom, and the number that matters.')}

${fill('the rest of the story, with ## subheadings where they help. Pull quotes and images: see docs/editing.md.')}

<KeyInsights>

- ${fill('a point an executive can act on.')}
- ${fill('a second point.')}
- ${fill('a third point.')}

</KeyInsights>

<ExecutiveActions>

1. ${fill('a concrete action for boards and executive teams.')}
2. ${fill('a second action.')}
3. ${fill('a third action.')}

</ExecutiveActions>
`;
}
