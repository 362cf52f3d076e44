// A story whose locked part holds a local body image, which the real content and the fixtures
// do not have: a content folder holding the run's test content plus that story, and a project
// root (MASTHEAD_ROOT: its public/ is where a save measures local images, ingest-image.ts; its
// db/ is the project's, for the migrations) whose public/ holds the picture. The page resizes
// such an image through Astro's image service (src/lib/content/responsive-body-images.ts).
import { cpSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { INTEGRATION_CONTENT_DIR } from './site-server.ts';
import { ROOT } from './test-site.ts';

export const LOCKED_IMAGE_STORY = { section: 'business', slug: 'locked-image-fixture-story' };
/** The alt text of the picture inside the locked part, to find it on a page. */
export const LOCKED_IMAGE_ALT = 'A chart of the margins only readers with access see';
/** A sentence of the locked part beside the picture. */
export const LOCKED_IMAGE_TEXT = 'The locked chart shows the margin squeeze quarter by quarter';

const STORY = `---
title: "A fixture story whose locked part holds a chart"
dek: "A test story with a local picture in its free body and another in a locked part."
summary: "This fixture exists for the signed-in page tests. Its locked part holds a local image that the page resizes."
section: ${LOCKED_IMAGE_STORY.section}
authors: [priya-raman]
tags: [fixtures]
publishedAt: 2026-01-06T09:00:00Z
draft: false
---

Ferranby Tools, a company that exists only in the test suite, published a chart of its margins. The free body shows the summary chart.

![A chart of the margins every reader sees](/images/free-chart.png)

<KeyInsights>

- ${LOCKED_IMAGE_TEXT}, with the worst quarter marked.

![${LOCKED_IMAGE_ALT}](/images/locked-chart.png)

</KeyInsights>

<ExecutiveActions>

1. Compare the locked chart with your own margins before the next quarter closes.

</ExecutiveActions>
`;

/** Writes the content folder and the project root under `dir`; returns the server's environment for them. */
export async function withLockedImageStory(dir: string): Promise<{ MASTHEAD_CONTENT_DIR: string; MASTHEAD_ROOT: string }> {
  const contentDir = path.join(dir, 'content');
  const root = path.join(dir, 'root');
  cpSync(INTEGRATION_CONTENT_DIR, contentDir, { recursive: true });
  writeFileSync(path.join(contentDir, 'articles', `${LOCKED_IMAGE_STORY.slug}.mdx`), STORY);
  mkdirSync(path.join(root, 'public', 'images'), { recursive: true });
  symlinkSync(path.join(ROOT, 'db'), path.join(root, 'db'));
  for (const [file, background] of [['free-chart.png', '#336699'], ['locked-chart.png', '#993366']] as const) {
    await sharp({ create: { width: 1200, height: 675, channels: 3, background } }).png().toFile(path.join(root, 'public', 'images', file));
  }
  return { MASTHEAD_CONTENT_DIR: contentDir, MASTHEAD_ROOT: root };
}
