// A story's local images at save: the lead image and the body's images whose src is a site
// path (a file under the project's public/ folder, e.g. /images/x.jpg) have their width and
// height read with sharp's metadata (sharp is what Astro's image service uses, so no second
// image library), so pages can reserve their space and offer resized copies. A missing or
// unreadable local image is a problem on its line: the frontmatter's image line for the lead,
// the image's own line in the body.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { isSitePath } from '../../lib/content/body-image-sizes.ts';
import type { ImageSize, LocalBodyImage, StoryImage, StoryProblem } from '../../lib/content/compiled-story.ts';

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

export type MeasuredFile = { ok: true; size: ImageSize } | { ok: false; message: string };

/** The width and height of the file a site path names in `publicDir`, or why it has none. */
export async function measureLocalImage(src: string, publicDir: string): Promise<MeasuredFile> {
  const fail = (message: string): MeasuredFile => ({ ok: false, message });
  const sitePath = src.split(/[?#]/)[0] ?? '';
  let decoded: string;
  try {
    decoded = decodeURI(sitePath);
  } catch {
    return fail(`image ${src} is not a valid path`);
  }
  const file = path.resolve(publicDir, `.${decoded}`);
  if (file !== publicDir && !file.startsWith(publicDir + path.sep)) return fail(`image ${src} is outside public/`);
  try {
    if (!(await stat(file)).isFile()) return fail(`image ${src} is not a file in public/`);
  } catch {
    return fail(`image ${src} was not found in public/ (public${decoded})`);
  }
  try {
    const { width, height } = await sharp(file).metadata();
    if (!width || !height) return fail(`image ${src} has no width and height sharp can read`);
    return { ok: true, size: { width, height } };
  } catch (error) {
    return fail(`image ${src} could not be read as an image: ${(error as Error).message}`);
  }
}

export type MeasuredImage = { ok: true; image: StoryImage | undefined } | { ok: false; problem: StoryProblem };

/** The lead image with its size when it is a local file; remote and absent images pass through. */
export async function measureLeadImage(image: StoryImage | undefined, source: string, publicDir: string): Promise<MeasuredImage> {
  if (!image || !isSitePath(image.src)) return { ok: true, image };
  const measured = await measureLocalImage(image.src, publicDir);
  if (!measured.ok) return { ok: false, problem: { line: imageLine(source), message: measured.message } };
  return { ok: true, image: { ...image, ...measured.size } };
}

export type MeasuredBodyImages = { ok: true; sizes: Record<string, ImageSize> } | { ok: false; problems: StoryProblem[] };

/** Each local body image's size by src (each file read once), or a problem on every line naming a bad one. */
export async function measureBodyImages(images: readonly LocalBodyImage[], publicDir: string): Promise<MeasuredBodyImages> {
  const srcs = [...new Set(images.map((image) => image.src))];
  const measured = new Map(await Promise.all(srcs.map(async (src) => [src, await measureLocalImage(src, publicDir)] as const)));
  const sizes: Record<string, ImageSize> = {};
  const problems: StoryProblem[] = [];
  for (const image of images) {
    const result = measured.get(image.src);
    if (result?.ok) sizes[image.src] = result.size;
    else if (result) problems.push({ line: image.line, message: result.message });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, sizes };
}
