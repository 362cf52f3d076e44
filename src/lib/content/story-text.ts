// The free text of a compiled story: the plain text of every block outside the locked parts,
// one paragraph per block, separated by a blank line. Search, feeds and the word count read it.
import type { Nodes, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';

/** Blocks whose text is read through their children, block by block. */
const CONTAINERS = new Set<Nodes['type']>(['root', 'blockquote', 'list', 'listItem', 'table', 'mdxJsxFlowElement']);

/** `nodes` are the free top-level nodes only: the caller leaves the locked parts out. */
export function freeText(nodes: readonly RootContent[]): string {
  const blocks: string[] = [];
  for (const node of nodes) collectBlocks(node, blocks);
  return blocks.join('\n\n');
}

function collectBlocks(node: Nodes, blocks: string[]): void {
  if (CONTAINERS.has(node.type) && 'children' in node) {
    for (const child of node.children) collectBlocks(child, blocks);
    return;
  }
  const text = node.type === 'tableRow' ? node.children.map((cell) => toString(cell)).join(' ') : toString(node);
  const block = text.replace(/\s+/g, ' ').trim();
  if (block !== '') blocks.push(block);
}
