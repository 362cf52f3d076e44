// Reads one attribute from the inside of an HTML or JSX tag: alt="…", alt='…', alt={"…"} or
// alt={expression}. Enough for the attributes the checks need; not a JSX parser.

export type AttributeValue =
  | { kind: 'missing' }
  /** A literal string (quoted, or a string literal in braces). */
  | { kind: 'text'; value: string }
  /** A JavaScript expression whose value is only known when the page renders. */
  | { kind: 'expression'; source: string };

const STRING_LITERAL = /^\s*(?:"([^"]*)"|'([^']*)'|`([^`$]*)`)\s*$/;

export function attributeValue(attributes: string, name: string): AttributeValue {
  const pattern = new RegExp(`(?:^|\\s)${name}(?:\\s*=\\s*(?:"([^"]*)"|'([^']*)'|\\{([^}]*)\\}))?(?=[\\s/>]|$)`);
  const match = pattern.exec(attributes);
  if (!match) return { kind: 'missing' };
  const [, doubleQuoted, singleQuoted, expression] = match;
  if (expression !== undefined) {
    const literal = STRING_LITERAL.exec(expression);
    if (literal) return { kind: 'text', value: literal[1] ?? literal[2] ?? literal[3] ?? '' };
    return { kind: 'expression', source: expression };
  }
  return { kind: 'text', value: doubleQuoted ?? singleQuoted ?? '' };
}

/** Every `<Name …>` tag in a text: its offset and the text between the name and the closing `>`. */
export function findTags(text: string, name: string): { offset: number; attributes: string }[] {
  const pattern = new RegExp(`<${name}(?=[\\s/>])((?:[^>"'{]|"[^"]*"|'[^']*'|\\{[^}]*\\})*)>`, 'g');
  return [...text.matchAll(pattern)].map((match) => ({ offset: match.index, attributes: match[1] ?? '' }));
}
