// The MDX a story may contain: Markdown (with GFM tables), lowercase HTML-like tags, and the
// four components the article page maps. Anything that runs or imports code is refused,
// because one `import KeyInsights …` line would bypass the page's mapping of the locked
// parts and show them to every reader.
/// <reference types="remark-mdx" />
import type { Nodes, Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { didYouMean } from '../content-checks/closest-match.ts';

/** The components the article page hands to `<Content components={…} />`. */
export const STORY_COMPONENTS = ['KeyInsights', 'ExecutiveActions', 'PullQuote', 'Figure'] as const;

export interface ConstructProblem {
  /** 1-based line in the story's file. */
  line: number;
  message: string;
}

const COMPONENT_LIST = 'KeyInsights, ExecutiveActions, PullQuote and Figure';

export const ESM_MESSAGE = `Stories cannot import or export: the components ${COMPONENT_LIST} are available without an import; remove this line.`;

/** The one MDX parser stories are read with (built once: the compiler parses many stories). */
const parser = unified().use(remarkParse).use(remarkMdx).use(remarkGfm);

/**
 * A story's body as mdast, or the syntax problem that kept it from parsing. `lineOffset` is
 * the number of file lines before the body (the frontmatter).
 */
export function parseStoryBody(body: string, lineOffset = 0): { ok: true; tree: Root } | { ok: false; problem: ConstructProblem } {
  try {
    return { ok: true, tree: parser.parse(body) };
  } catch (error) {
    return { ok: false, problem: syntaxProblem(error, lineOffset) };
  }
}

/**
 * Problems with the MDX constructs of a story's body. `lineOffset` is the number of file lines
 * before the body (the frontmatter), so every line names the file's own line.
 */
export function mdxConstructProblems(body: string, lineOffset = 0): ConstructProblem[] {
  const parsed = parseStoryBody(body, lineOffset);
  return parsed.ok ? constructProblemsInTree(parsed.tree, lineOffset) : [parsed.problem];
}

/** The refused constructs of a parsed body, in line order, with the file's lines. */
export function constructProblemsInTree(tree: Nodes, lineOffset = 0): ConstructProblem[] {
  const problems: ConstructProblem[] = [];
  walk(tree, (line, message) => problems.push({ line: line + lineOffset, message }));
  return problems.sort((a, b) => a.line - b.line);
}

type Report = (line: number, message: string) => void;

function walk(node: Nodes, report: Report): void {
  const line = node.position?.start.line ?? 1;
  switch (node.type) {
    case 'mdxjsEsm':
      report(line, ESM_MESSAGE);
      return;
    case 'mdxFlowExpression':
    case 'mdxTextExpression':
      report(line, expressionMessage(node.value));
      return;
    case 'mdxJsxFlowElement':
    case 'mdxJsxTextElement':
      elementProblems(node, line, report);
      break;
  }
  if ('children' in node) for (const child of node.children) walk(child, report);
}

type JsxElement = Extract<Nodes, { type: 'mdxJsxFlowElement' | 'mdxJsxTextElement' }>;

function elementProblems(element: JsxElement, line: number, report: Report): void {
  const name = element.name;
  const shown = name === null ? '<>' : `<${name}>`;
  if (name === null) {
    report(line, `a fragment <>…</> is not something a story can contain: remove the <> and </> around the text`);
  } else if (!isHtmlLike(name) && !(STORY_COMPONENTS as readonly string[]).includes(name)) {
    report(line, `<${name}> is not a component stories can use: the components are ${COMPONENT_LIST}.${didYouMean(name, STORY_COMPONENTS)}`);
  }
  for (const attribute of element.attributes) {
    const at = attribute.position?.start.line ?? line;
    if (attribute.type === 'mdxJsxExpressionAttribute') {
      report(at, `${shown} spreads a JavaScript expression ({${attribute.value}}) into its attributes: write each one as name="value"`);
    } else if (attribute.value !== null && typeof attribute.value === 'object') {
      report(at, `${shown} ${attribute.name}={…} is a JavaScript expression: write the value as quoted text, ${attribute.name}="…"`);
    }
  }
}

/** `<img>`, `<figure>`, `<br>`: plain tags other checks look at, not components. */
function isHtmlLike(name: string): boolean {
  return /^[a-z]/.test(name) && !name.includes('.');
}

function expressionMessage(value: string): string {
  const code = value.trim();
  if (code.startsWith('/*') && code.endsWith('*/')) {
    return 'a comment {/* … */} is JavaScript, which stories cannot contain: remove it';
  }
  const shown = code.length > 30 ? `${code.slice(0, 30)}…` : code;
  return `{${shown}} is a JavaScript expression, which stories cannot contain: write the text itself, and a literal brace as \\{`;
}

/** A place the parser gives as "(3:1-3:14)" in its reason, relative to the body. */
const PLACE_IN_REASON = / ?\((\d+):\d+(?:-\d+:\d+)?\)/;

function syntaxProblem(error: unknown, lineOffset: number): ConstructProblem {
  const failure = error as { line?: number | null; reason?: string; message?: string };
  const reason = failure.reason ?? failure.message ?? String(error);
  // Some parser errors carry their place only inside the reason; it counts from the body, so
  // it is taken out of the text editors read and turned into the file's line.
  const line = failure.line ?? Number(PLACE_IN_REASON.exec(reason)?.[1] ?? 1);
  return {
    line: line + lineOffset,
    message: `the story cannot be read as MDX: ${reason.replace(PLACE_IN_REASON, '')} (every tag is closed, as in <br />; a literal < or { in text is written \\< or \\{)`,
  };
}
