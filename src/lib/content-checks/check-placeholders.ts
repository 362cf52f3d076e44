// Placeholder text from `npm run new:story` left in a story that is no longer a draft.
// Drafts may keep theirs: they are work in progress.
import type { Article } from './content-index.ts';
import { error, type Problem } from './problem.ts';
import { PLACEHOLDER_MARKER } from '../new-story/story-template.ts';

export function checkPlaceholders(article: Article): Problem[] {
  if (article.draft) return [];
  return article.text.split('\n').flatMap((line, i) =>
    line.includes(PLACEHOLDER_MARKER)
      ? [error(article.file, i + 1, `placeholder text left from new:story ("${PLACEHOLDER_MARKER}: …"): write the real text, or set draft: true until it is ready`)]
      : [],
  );
}
