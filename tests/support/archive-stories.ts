// Enough small stories in the fixture "archive" section to need a second page. Each has both
// locked parts, as every story must (src/lib/content-checks/check-locked-parts.ts).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { PAGE_SIZE } from '../../src/lib/content/paginate.ts';

export const ARCHIVE_STORY_COUNT = PAGE_SIZE + 2;

export function writeArchiveStories(articlesDir: string): void {
  for (let n = 1; n <= ARCHIVE_STORY_COUNT; n++) {
    const day = String(n).padStart(2, '0');
    writeFileSync(
      path.join(articlesDir, `archive-fixture-${day}.mdx`),
      `---
title: "Archive fixture story ${n}"
dek: "Fixture number ${n} in the archive section."
summary: "A short fixture used to test pagination."
section: archive
authors: [jonas-berg]
tags: [fixtures]
publishedAt: 2025-01-${day}T08:00:00Z
---

Archive fixture ${n} has a free body of one paragraph.

<KeyInsights>

- Archive insight ${n}.

</KeyInsights>

<ExecutiveActions>

1. Archive action ${n}.

</ExecutiveActions>
`,
    );
  }
}
