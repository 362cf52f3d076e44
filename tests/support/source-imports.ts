// Every module a source file imports, found by parsing it with the TypeScript compiler (not by
// matching text), for the architecture rules in tests/unit/architecture.test.ts.
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join, posix, sep } from 'node:path';
import ts from 'typescript';

export interface SourceImport {
  /** The specifier as written: '../server/db/database.ts', 'astro:env/server'. */
  specifier: string;
  /** True only for what leaves no trace at run time: `import type`, `export type … from`, `import('…').T` in a type. */
  typeOnly: boolean;
  /** 1-based, in the whole file (an .astro file's frontmatter counted from the file's first line). */
  line: number;
}

const SCRIPT_KINDS: Record<string, ts.ScriptKind> = { '.ts': ts.ScriptKind.TS, '.mts': ts.ScriptKind.TS, '.tsx': ts.ScriptKind.TSX, '.js': ts.ScriptKind.JS, '.mjs': ts.ScriptKind.JS };
export const SOURCE_EXTENSIONS = [...Object.keys(SCRIPT_KINDS), '.astro', '.mdx'];

/** The imports of one file, by its extension; .astro and .mdx have their script parts read. */
export function importsOfFile(path: string, text: string): SourceImport[] {
  const ext = extname(path);
  if (ext === '.astro') return scriptBlocksOfAstro(text).flatMap((b) => importsOf(b.code, ts.ScriptKind.TS, b.firstLine));
  if (ext === '.mdx') return esmBlocksOfMdx(text).flatMap((b) => importsOf(b.code, ts.ScriptKind.TSX, b.firstLine));
  const kind = SCRIPT_KINDS[ext];
  return kind === undefined ? [] : importsOf(text, kind, 1);
}

/**
 * Static `import … from`, side-effect `import '…'`, `export … from`, `import x = require('…')`,
 * dynamic `import('…')` and `import('…')` types. `import { type A }` is not type-only: under
 * verbatimModuleSyntax the module is still loaded.
 */
export function importsOf(code: string, kind: ts.ScriptKind = ts.ScriptKind.TS, firstLine = 1): SourceImport[] {
  const file = ts.createSourceFile('source.ts', code, ts.ScriptTarget.Latest, true, kind);
  const found: SourceImport[] = [];
  const add = (node: ts.Node, specifier: ts.Node | undefined, typeOnly: boolean) => {
    if (!specifier || !ts.isStringLiteralLike(specifier)) return;
    const line = file.getLineAndCharacterOfPosition(node.getStart(file)).line + firstLine;
    found.push({ specifier: specifier.text, typeOnly, line });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) add(node, node.moduleSpecifier, node.importClause?.isTypeOnly ?? false);
    else if (ts.isExportDeclaration(node)) add(node, node.moduleSpecifier, node.isTypeOnly);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) add(node, node.moduleReference.expression, node.isTypeOnly);
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) add(node, node.arguments[0], false);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) add(node, node.argument.literal, true);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

interface CodeBlock {
  code: string;
  firstLine: number;
}

/** An .astro file's frontmatter (between its first two `---` lines) and its `<script>` elements. */
function scriptBlocksOfAstro(text: string): CodeBlock[] {
  const lines = text.split('\n');
  const fences = lines.flatMap((l, i) => (l.trim() === '---' ? [i] : [])).slice(0, 2);
  const blocks: CodeBlock[] = [];
  let templateStart = 0;
  if (fences.length === 2) {
    const [open, close] = fences as [number, number];
    blocks.push({ code: lines.slice(open + 1, close).join('\n'), firstLine: open + 2 });
    templateStart = close + 1;
  }
  const template = lines.slice(templateStart).join('\n');
  for (const m of template.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)) {
    const before = template.slice(0, (m.index ?? 0) + m[0].indexOf('>') + 1);
    blocks.push({ code: m[1] ?? '', firstLine: templateStart + before.split('\n').length });
  }
  return blocks;
}

/** An MDX file's ESM: each paragraph (after the YAML frontmatter) that starts with `import` or `export`. */
function esmBlocksOfMdx(text: string): CodeBlock[] {
  const lines = text.split('\n');
  let start = 0;
  if (lines[0]?.trim() === '---') start = lines.findIndex((l, i) => i > 0 && l.trim() === '---') + 1;
  const blocks: CodeBlock[] = [];
  for (let i = start; i < lines.length; i++) {
    if (!/^(import|export)\b/.test(lines[i] ?? '')) continue;
    let end = i;
    while (end < lines.length && (lines[end] ?? '').trim() !== '') end++;
    blocks.push({ code: lines.slice(i, end).join('\n'), firstLine: i + 1 });
    i = end;
  }
  return blocks;
}

export interface ResolvedImport extends SourceImport {
  /** The importing file, relative to the root, with forward slashes. */
  file: string;
  /** For a relative specifier, the imported path relative to the root ('db/schema/index.ts'); otherwise the specifier. */
  target: string;
}

/** Every import of every source file under `folder` (relative to `root`), relative specifiers resolved against the root. */
export function importsUnder(root: string, folder: string): ResolvedImport[] {
  const files = (readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' }) as string[])
    .filter((f) => SOURCE_EXTENSIONS.includes(extname(f)) && !f.split(sep).includes('node_modules'))
    .map((f) => join(folder, f))
    .sort();
  return files.flatMap((file) => {
    const name = file.split(sep).join('/');
    return importsOfFile(file, readFileSync(join(root, file), 'utf8')).map((imp) => ({
      ...imp,
      file: name,
      target: imp.specifier.startsWith('.') ? posix.normalize(posix.join(posix.dirname(name), imp.specifier)) : imp.specifier,
    }));
  });
}
