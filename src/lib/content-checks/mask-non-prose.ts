// Blanks out what a reader never sees as text, keeping every line break, so scans for
// components, links and images ignore examples inside code and comments and still report
// the right line.

const blank = (text: string) => text.replace(/[^\n]/g, ' ');

const INLINE_HIDDEN = [
  /(`+)[^`][\s\S]*?\1(?!`)/g, // inline code
  /\{\/\*[\s\S]*?\*\/\}/g, // MDX comments
  /<!--[\s\S]*?-->/g, // HTML comments
];

/** The text with its first `bodyOffset` characters (the frontmatter) and all code and comments blanked. */
export function maskNonProse(text: string, bodyOffset: number): string {
  let body = blankFencedCode(text.slice(bodyOffset));
  for (const pattern of INLINE_HIDDEN) body = body.replace(pattern, blank);
  return blank(text.slice(0, bodyOffset)) + body;
}

/** Fenced code blocks (``` or ~~~), line by line; an unclosed fence runs to the end, as in Markdown. */
function blankFencedCode(body: string): string {
  let fence: string | undefined;
  return body
    .split('\n')
    .map((line) => {
      const marker = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(line);
      if (fence === undefined) {
        if (!marker) return line;
        fence = marker[1];
        return blank(line);
      }
      const closes = marker?.[1] && marker[1][0] === fence[0] && marker[1].length >= fence.length && marker[2]?.trim() === '';
      if (closes) fence = undefined;
      return blank(line);
    })
    .join('\n');
}
