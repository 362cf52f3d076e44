// The benchmarks' HTML reading (bench/lib/page-checks.mjs, bench/lib/site-stories.mjs), as thin
// helpers over hast: pages parsed the way a browser parses them (parse5), elements found by CSS
// selector, and the text a reader sees by the innerText algorithm.
import { fromHtml } from 'hast-util-from-html';
import { select } from 'hast-util-select';
import { toText } from 'hast-util-to-text';

/** @typedef {import('hast').Root} Root @typedef {import('hast').Element} Element */

/**
 * A page or a fragment of one as a hast tree. Parsed as a document, as a browser would: a
 * fragment lands in <body>, a <style> or <title> before it in <head>; parse errors are tolerated.
 * @param {string} html @returns {Root}
 */
export function parseHtml(html) {
  return fromHtml(html);
}

/** A CSS string literal of `value`, for attribute selectors. */
const cssString = (value) => `"${value.replace(/["\\]/g, '\\$&').replace(/\n/g, '\\a ')}"`;

/**
 * The first element named `name` (any name when undefined) with every attribute given, by value.
 * @param {Root | Element} tree @param {string | undefined} name @param {Record<string, string>} attrs
 * @returns {Element | undefined}
 */
export function findElement(tree, name, attrs) {
  const selector = (name ?? '*') + Object.entries(attrs).map(([k, v]) => `[${k}=${cssString(v)}]`).join('');
  return select(selector, tree);
}

/** The element whose id is `id`, or undefined (a class or a link naming the id does not count). */
export function elementById(tree, id) {
  return findElement(tree, undefined, { id });
}

/**
 * The text a reader sees in `node` (innerText: no scripts, styles, templates, comments or the
 * head; block elements apart), with runs of white space, non-breaking spaces included, as one space.
 * @param {Root | Element} node @returns {string}
 */
export function visibleText(node) {
  return toText(node).replace(/\s+/g, ' ').trim();
}
