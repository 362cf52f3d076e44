// Where a story's locked parts (<KeyInsights>, <ExecutiveActions>) stand in its mdast, and the
// body cut into free runs and locked parts. A locked part must stand on its own at the top
// level of the body, at most once each: anywhere else its text could not be cut out cleanly.
import type { Nodes, Root, RootContent } from 'mdast';
import type { LockedPartId } from './compiled-story.ts';
import type { ConstructProblem } from './mdx-constructs.ts';
import { LOCKED_COMPONENTS } from './locked-components.ts';

export type LockedComponent = (typeof LOCKED_COMPONENTS)[number];

export const PART_OF_COMPONENT: Record<LockedComponent, LockedPartId> = {
  KeyInsights: 'key-insights',
  ExecutiveActions: 'executive-actions',
};

/** The body in document order: runs of free nodes, and each locked part's children. */
export type BodyPiece = { kind: 'free'; nodes: RootContent[] } | { kind: 'locked'; part: LockedPartId; nodes: RootContent[] };

export function lockedComponentOf(node: Nodes): LockedComponent | undefined {
  if (node.type !== 'mdxJsxFlowElement' && node.type !== 'mdxJsxTextElement') return undefined;
  return (LOCKED_COMPONENTS as readonly (string | null)[]).includes(node.name) ? (node.name as LockedComponent) : undefined;
}

/** Problems with where the locked parts stand; `lineOffset` turns body lines into file lines. */
export function lockedPlacementProblems(tree: Root, lineOffset: number): ConstructProblem[] {
  const problems: ConstructProblem[] = [];
  const seen = new Map<LockedComponent, number>();
  const visit = (node: Nodes, container: string | undefined, depth: number) => {
    const locked = lockedComponentOf(node);
    const line = (node.position?.start.line ?? 1) + lineOffset;
    if (locked) {
      const first = seen.get(locked);
      if (first !== undefined) {
        problems.push({ line, message: `<${locked}> appears a second time (the first is on line ${first}): a story has at most one; merge them into one` });
      } else {
        seen.set(locked, line);
      }
      if (container !== undefined) {
        problems.push({ line, message: `<${locked}> cannot sit inside ${container}: put it on its own lines at the top level of the story` });
      } else if (depth > 1) {
        problems.push({ line, message: `<${locked}> must stand on its own lines at the top level of the story, not inside a list, quote or paragraph` });
      }
    }
    if (!('children' in node)) return;
    const inside = locked || (isComponent(node) ? node.name ?? undefined : undefined);
    for (const child of node.children) visit(child, inside !== undefined ? `<${inside}>` : container, depth + 1);
  };
  visit(tree, undefined, 0);
  return problems.sort((a, b) => a.line - b.line);
}

function isComponent(node: Nodes): node is Extract<Nodes, { type: 'mdxJsxFlowElement' | 'mdxJsxTextElement' }> {
  return (node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') && node.name !== null;
}

/** The body cut at its top-level locked parts (placement already checked). */
export function bodyPieces(tree: Root): BodyPiece[] {
  const pieces: BodyPiece[] = [];
  let free: RootContent[] = [];
  for (const node of tree.children) {
    const locked = lockedComponentOf(node);
    if (locked && 'children' in node) {
      if (free.length > 0) pieces.push({ kind: 'free', nodes: free });
      free = [];
      pieces.push({ kind: 'locked', part: PART_OF_COMPONENT[locked], nodes: node.children as RootContent[] });
    } else {
      free.push(node);
    }
  }
  if (free.length > 0) pieces.push({ kind: 'free', nodes: free });
  return pieces;
}
