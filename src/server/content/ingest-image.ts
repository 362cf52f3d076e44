// A story's lead image at save: a local image (a path under the project's public/ folder,
// e.g. /images/x.jpg) has its width and height read with sharp's metadata (sharp is what
// Astro's image service uses, so no second image library), so pages can reserve its space.
// A missing or unreadable local image is a problem on the frontmatter's image line.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import type { StoryImage, StoryProblem } from '../../lib/content/compiled-story.ts';

/** public/ of the project the process runs in (MASTHEAD_ROOT, else the working folder). */
export function defaultPublicDir(): string {
  return path.resolve(process.env.MASTHEAD_ROOT ?? process.cwd(), 'public');
}

/** The 1-based line of the image's `src:` in the frontmatter (else its `image:` line, else 1). */
export function imageLine(source: string): number {
  const lines = source.split(/\r?\n/);
  let imageAt = -1;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '---') break;
    if (/^image\s*:/.test(line)) imageAt = i;
    else if (imageAt >= 0 && /^\s+src\s*:/.test(line)) return i + 1;
    else if (imageAt >= 0 && /^\S/.test(line)) break;
  }
  return imageAt >= 0 ? imageAt + 1 : 1;
}

export type MeasuredImage = { ok: true; image: StoryImage | undefined } | { ok: false; problem: StoryProblem };

/** The image with its size when it is a local file; remote and absent images pass through. */
export async function measureLeadImage(image: StoryImage | undefined, source: string, publicDir: string): Promise<MeasuredImage> {
  if (!image || !image.src.startsWith('/') || image.src.startsWith('//')) return { ok: true, image };
  const fail = (message: string): MeasuredImage => ({ ok: false, problem: { line: imageLine(source), message } });
  const sitePath = image.src.split(/[?#]/)[0] ?? '';
  let decoded: string;
  try {
    decoded = decodeURI(sitePath);
  } catch {
    return fail(`image ${image.src} is not a valid path`);
  }
  const file = path.resolve(publicDir, `.${decoded}`);
  if (file !== publicDir && !file.startsWith(publicDir + path.sep)) return fail(`image ${image.src} is outside public/`);
  try {
    if (!(await stat(file)).isFile()) return fail(`image ${image.src} is not a file in public/`);
  } catch {
    return fail(`image ${image.src} was not found in public/ (public${sitePath})`);
  }
  try {
    const { width, height } = await sharp(file).metadata();
    if (!width || !height) return fail(`image ${image.src} has no width and height sharp can read`);
    return { ok: true, image: { ...image, width, height } };
  } catch (error) {
    return fail(`image ${image.src} could not be read as an image: ${(error as Error).message}`);
  }
}
