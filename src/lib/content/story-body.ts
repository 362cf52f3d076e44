// Compiles a story's body (the MDX after the frontmatter): refuses what stories cannot
// contain (mdx-constructs.ts) and misplaced locked parts, then gives the public HTML with a
// marker where each locked part stood, each locked part's own HTML, and the free text, with
// typographic punctuation as Astro's Markdown gave it (smart-punctuation.ts).
import type { Nodes, Parent, RootContent } from 'mdast';
import { lockedPartMarker, type CompiledLockedPart, type ImageSize, type LocalBodyImage, type StoryProblem } from './compiled-story.ts';
import { bodyPieces, lockedPlacementProblems } from './locked-parts-split.ts';
import { constructProblemsInTree, parseStoryBody } from './mdx-constructs.ts';
import { smartenTree } from './smart-punctuation.ts';
import { newSlugger, piecesToHtml } from './story-html.ts';
import { freeText } from './story-text.ts';

export interface CompiledBody {
  publicHtml: string;
  lockedParts: CompiledLockedPart[];
  publicText: string;
  localImages: LocalBodyImage[];
}

export type BodyResult = { ok: true; body: CompiledBody } | { ok: false; problems: StoryProblem[] };

/**
 * `lineOffset`: the file lines before the body, so problems name the file's own lines.
 * `imageSizes`: measured sizes of local images, by src (see CompileContext.imageSizes).
 */
export function compileBody(body: string, lineOffset: number, imageSizes: Readonly<Record<string, ImageSize>> = {}): BodyResult {
  const parsed = parseStoryBody(body, lineOffset);
  if (!parsed.ok) return { ok: false, problems: [parsed.problem] };
  const tree = parsed.tree;
  unravelJsxParagraphs(tree);
  const problems = [...constructProblemsInTree(tree, lineOffset), ...lockedPlacementProblems(tree, lineOffset)];
  if (problems.length > 0) return { ok: false, problems: problems.sort((a, b) => a.line - b.line) };

  smartenTree(tree);
  const slugger = newSlugger();
  const images = { sizes: imageSizes, lineOffset, found: [] as LocalBodyImage[] };
  const publicHtml: string[] = [];
  const lockedParts: CompiledLockedPart[] = [];
  // Sanitised piece by piece, and the markers put in afterwards: the sanitiser drops every
  // comment, so the only markers in the result are these.
  const pieces = bodyPieces(tree);
  // A link may name a definition anywhere in the free text ([f]: https://…), so every piece
  // gets the free link definitions, and every free piece the free footnotes; a locked part's
  // own definitions and footnotes stay in that part.
  const freeNodes = pieces.flatMap((piece) => (piece.kind === 'free' ? piece.nodes : []));
  const freeLinks = freeNodes.filter((node) => node.type === 'definition');
  const freeFootnotes = freeNodes.filter((node) => node.type === 'footnoteDefinition');
  for (const piece of pieces) {
    const shared = piece.kind === 'free' ? [...freeLinks, ...freeFootnotes.filter((note) => !piece.nodes.includes(note))] : freeLinks;
    const html = piecesToHtml([...piece.nodes, ...shared], slugger, images);
    if (piece.kind === 'locked') {
      lockedParts.push({ part: piece.part, html });
      publicHtml.push(lockedPartMarker(piece.part));
    } else if (html !== '') {
      publicHtml.push(html);
    }
  }
  return { ok: true, body: { publicHtml: publicHtml.join('\n'), lockedParts, publicText: freeText(freeNodes), localImages: images.found } };
}

/**
 * MDX's own rule (remark-mark-and-unravel in @mdx-js/mdx): a paragraph holding only JSX
 * elements and white space is not a paragraph, so `<PullQuote>…</PullQuote>` on one line
 * renders without a <p> around it, as it did on the Astro page.
 */
function unravelJsxParagraphs(node: Nodes): void {
  if (!('children' in node)) return;
  const parent = node as Parent;
  const children: Parent['children'] = [];
  for (const child of parent.children) {
    if (child.type === 'paragraph' && onlyJsx(child.children)) {
      for (const inner of child.children) {
        if (inner.type === 'mdxJsxTextElement') children.push({ ...inner, type: 'mdxJsxFlowElement' } as RootContent);
        else if (inner.type !== 'text') children.push(inner);
      }
    } else {
      children.push(child);
    }
  }
  parent.children = children;
  for (const child of parent.children) unravelJsxParagraphs(child);
}

function onlyJsx(children: readonly Nodes[]): boolean {
  let some = false;
  for (const child of children) {
    if (child.type === 'mdxJsxTextElement' || child.type === 'mdxTextExpression') some = true;
    else if (!(child.type === 'text' && /^[\t\r\n ]*$/.test(child.value))) return false;
  }
  return some;
}
