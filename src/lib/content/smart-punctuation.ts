// Typographic punctuation in a story's text, as Astro's Markdown gave it (smartypants is on by
// default there): "quotes" and 'quotes' curled, it's → it’s, -- → –, --- → —, ... → ….
// Applied to text nodes only: code, inline code and attribute values are left as written.
import type { Nodes } from 'mdast';

/** Text after which a quote opens: the start, a space, or an opening bracket or dash. */
const OPENS_AFTER = /[\s([{\u2014\u2013-]$/;

export function smartenText(value: string, before: string): string {
  let out = '';
  let previous = before;
  const dashed = value.replace(/---/g, '\u2014').replace(/--/g, '\u2013').replace(/\.\.\./g, '\u2026');
  for (const char of dashed) {
    let next = char;
    if (char === '"') next = previous === '' || OPENS_AFTER.test(previous) ? '\u201c' : '\u201d';
    else if (char === "'") next = previous === '' || OPENS_AFTER.test(previous) ? '\u2018' : '\u2019';
    out += next;
    previous = next;
  }
  return out;
}

/** Curls the punctuation of every text node in the tree, in place. */
export function smartenTree(node: Nodes): void {
  smartenChildren(node, { last: '' });
}

function smartenChildren(node: Nodes, context: { last: string }): void {
  if (node.type === 'text') {
    node.value = smartenText(node.value, context.last);
    context.last = node.value.slice(-1);
    return;
  }
  if (node.type === 'inlineCode' || node.type === 'code') {
    context.last = 'x';
    return;
  }
  if (!('children' in node)) return;
  // Each block starts afresh; inline children carry on from the text before them.
  const isBlock = node.type !== 'paragraph' && node.type !== 'heading' && node.type !== 'tableCell' && !isInline(node);
  for (const child of node.children) {
    if (isBlock) context.last = '';
    smartenChildren(child, context);
  }
}

function isInline(node: Nodes): boolean {
  return ['emphasis', 'strong', 'delete', 'link', 'linkReference', 'mdxJsxTextElement'].includes(node.type);
}
