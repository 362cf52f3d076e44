// Splits an MDX file into frontmatter and body and parses the frontmatter with `yaml`, keeping
// where every field sits so each problem can name its line. Mirrors Astro's own reader
// (js-yaml, timestamps as dates) closely enough that the two see the same values.
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';

/** Astro's pattern: optional blank lines, then a block fenced by `---` lines. */
const FRONTMATTER = /^(\uFEFF?(?:\s*\n)?)---([\s\S]*?\n)---/;

export type FieldPath = readonly (string | number)[];

export interface Frontmatter {
  /** Parsed fields; empty when the block is missing or not valid YAML. */
  data: Record<string, unknown>;
  /** The first problem that kept the block from parsing, with its line in the file. */
  syntaxError?: { line: number; message: string } | undefined;
  /** The file line of a field (e.g. ['image', 'alt'], ['authors', 1]); its nearest parent when absent. */
  lineOf(path: FieldPath): number;
  /** Offset in the file where the body starts (just after the closing `---`). */
  bodyOffset: number;
}

export function parseFrontmatter(text: string): Frontmatter {
  const match = FRONTMATTER.exec(text);
  if (!match) {
    return { data: {}, syntaxError: { line: 1, message: 'the file has no frontmatter: start it with a `---` line, the fields, and another `---` line' }, lineOf: () => 1, bodyOffset: 0 };
  }
  const lead = match[1] ?? '';
  const yamlText = match[2] ?? '';
  // Line of the opening `---`; the YAML's first line is the one after it.
  const fenceLine = lineCount(lead) + 1;
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter, customTags: ['timestamp'], prettyErrors: false });
  const fileLine = (offset: number) => fenceLine + lineCounter.linePos(offset).line - 1;
  const bodyOffset = match[0].length;
  const lineOf = (path: FieldPath) => fileLine(offsetOf(doc, path));
  const firstError = doc.errors[0];
  if (firstError) {
    return { data: {}, syntaxError: { line: fileLine(firstError.pos[0]), message: `the frontmatter is not valid YAML: ${firstError.message.split('\n')[0]}` }, lineOf, bodyOffset };
  }
  const data: unknown = doc.toJS();
  if (data === null || data === undefined) return { data: {}, lineOf, bodyOffset };
  if (typeof data !== 'object' || Array.isArray(data)) {
    return { data: {}, syntaxError: { line: fenceLine + 1, message: 'the frontmatter must be a list of `field: value` lines' }, lineOf, bodyOffset };
  }
  return { data: data as Record<string, unknown>, lineOf, bodyOffset };
}

/** Number of line breaks in a string. */
export function lineCount(text: string): number {
  let count = 0;
  for (const char of text) if (char === '\n') count++;
  return count;
}

/** The 1-based line of an offset in a text. */
export function lineAt(text: string, offset: number): number {
  return lineCount(text.slice(0, offset)) + 1;
}

/**
 * Offset (in the YAML) of a field's key, or of a list item; walks as deep as the path exists,
 * so a missing image.alt points at `image:` and a missing title at the first line.
 */
function offsetOf(doc: Document, path: FieldPath): number {
  let node: unknown = doc.contents;
  let offset = 0;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && item.key.value === segment);
      if (!pair) break;
      offset = (isScalar(pair.key) && pair.key.range?.[0]) || offset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item: unknown = node.items[segment];
      const range = item && typeof item === 'object' && 'range' in item ? (item.range as [number, number] | undefined) : undefined;
      if (!range) break;
      offset = range[0];
      node = item;
    } else {
      break;
    }
  }
  return offset;
}
