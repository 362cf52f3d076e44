// Reads the locked parts straight from the MDX sources, so the leak test can look for
// every story's locked sentences, not only the planted canaries.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const LOCKED_BLOCK = /<(KeyInsights|ExecutiveActions)\b[^>]*>([\s\S]*?)<\/\1>/g;

/** Distinctive fragments (plain words, 30+ characters) of every locked line in a folder. */
export function lockedFragments(articlesDir: string): { slug: string; fragment: string }[] {
  return readdirSync(articlesDir)
    .filter((f) => f.endsWith('.mdx'))
    .flatMap((file) => {
      const source = readFileSync(path.join(articlesDir, file), 'utf8');
      const slug = file.replace(/\.mdx$/, '');
      return [...source.matchAll(LOCKED_BLOCK)].flatMap((m) =>
        (m[2] ?? '')
          .split('\n')
          .map((line) => line.replace(/^\s*(?:[-*+]|\d+\.)\s+/, '').replace(/[*_`]/g, ''))
          .map((line) => longestPlainRun(line))
          .filter((fragment) => fragment.length >= 30)
          .map((fragment) => ({ slug, fragment })),
      );
    });
}

function longestPlainRun(line: string): string {
  const runs = line.match(/[A-Za-z0-9][A-Za-z0-9 ,]*[A-Za-z0-9]/g) ?? [];
  return runs.reduce((a, b) => (b.length > a.length ? b : a), '').trim();
}

/** Text as a reader's software would see it: entities decoded, whitespace folded. */
export function normalizeForSearch(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\\u003c/g, '<')
    .replace(/\s+/g, ' ');
}
