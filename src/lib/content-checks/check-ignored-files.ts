// A story saved as .md is never read: the site loads only .mdx files from the articles folder.
import { warning, type Problem } from './problem.ts';

export function checkIgnoredFiles(files: readonly string[]): Problem[] {
  return files.map((file) => warning(file, 1, 'this file is not read: stories must end in .mdx; rename it to publish it as a story'));
}
