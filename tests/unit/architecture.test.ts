// The house's import rules, checked on every source file under src/ (.ts, .mjs, .astro
// frontmatter and <script>s, MDX's import lines), parsed with the TypeScript compiler:
// - src/lib is the pure rules: it imports no src/server, no db/, no astro:* module and no Node
//   built-in, and its relative imports stay inside src/lib. One exception: `import type` from
//   db/schema/, so a rule can name a column's type (LockedPartId, Role) without a second copy;
//   such an import is erased before the code runs, so src/lib still does no I/O. A value import
//   from db/schema (ROLES, a table) is refused.
// - Pages (src/pages), components (src/components) and layouts (src/layouts) never import the
//   database folder db/ (client, schema, migrations), not even its types: a page takes the
//   database from src/server/db/database.ts and hands it to the src/server functions that query;
//   a component declares the shape of the data it is handed.
// - Nothing under src imports tests/.
import { isBuiltin } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importsOf, importsOfFile, importsUnder, type ResolvedImport } from '../support/source-imports.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const IMPORTS = importsUnder(ROOT, 'src');

/** Each broken rule as "file:line imports 'specifier' (why)", so a failure lists every one. */
function offences(files: (file: string) => boolean, refuse: (imp: ResolvedImport) => string | null): string[] {
  return IMPORTS.filter((imp) => files(imp.file)).flatMap((imp) => {
    const why = refuse(imp);
    return why === null ? [] : [`${imp.file}:${imp.line} imports '${imp.specifier}' (${why})`];
  });
}

const isUnder = (...folders: string[]) => (file: string) => folders.some((f) => file.startsWith(`${f}/`));
const isRelative = (imp: ResolvedImport) => imp.specifier.startsWith('.');

function refusedInLib(imp: ResolvedImport): string | null {
  if (imp.specifier.startsWith('astro:')) return 'an astro:* module';
  if (isBuiltin(imp.specifier)) return 'a Node built-in: I/O belongs in src/server';
  if (!isRelative(imp) || imp.target.startsWith('src/lib/')) return null;
  if (imp.target.startsWith('src/server/')) return 'src/server';
  if (imp.target.startsWith('db/schema/') && imp.typeOnly) return null;
  if (imp.target.startsWith('db/schema/')) return 'a value from db/schema: only `import type` is allowed';
  if (imp.target.startsWith('db/')) return 'db/';
  return 'outside src/lib';
}

describe('architecture', () => {
  it('finds the imports of every kind of source file', () => {
    const kinds = new Set(IMPORTS.map((imp) => imp.file.slice(imp.file.lastIndexOf('.'))));
    expect([...kinds]).toEqual(expect.arrayContaining(['.astro', '.mdx', '.mjs', '.ts']));
    expect(IMPORTS.length).toBeGreaterThan(500);
  });

  it('src/lib imports no src/server, db/ (but schema types), astro:* or Node built-in', () => {
    expect(offences(isUnder('src/lib'), refusedInLib)).toEqual([]);
  });

  it('pages, components and layouts never import db/', () => {
    const refuse = (imp: ResolvedImport) => (isRelative(imp) && imp.target.startsWith('db/') ? 'the database folder: go through src/server' : null);
    expect(offences(isUnder('src/pages', 'src/components', 'src/layouts'), refuse)).toEqual([]);
  });

  it('nothing under src imports tests/', () => {
    const refuse = (imp: ResolvedImport) => (isRelative(imp) && imp.target.startsWith('tests/') ? 'test code' : null);
    expect(offences(isUnder('src'), refuse)).toEqual([]);
  });
});

describe('the import scanner', () => {
  const CASES: [string, string, { specifier: string; typeOnly: boolean }[]][] = [
    ['a static import', `import { a } from './a.ts';`, [{ specifier: './a.ts', typeOnly: false }]],
    ['a side-effect import', `import './a.ts';`, [{ specifier: './a.ts', typeOnly: false }]],
    ['an import type', `import type { A } from './a.ts';`, [{ specifier: './a.ts', typeOnly: true }]],
    ['an inline type specifier (the module still loads)', `import { type A } from './a.ts';`, [{ specifier: './a.ts', typeOnly: false }]],
    ['an export from', `export { a } from './a.ts';\nexport * from './b.ts';`, [{ specifier: './a.ts', typeOnly: false }, { specifier: './b.ts', typeOnly: false }]],
    ['an export type from', `export type { A } from './a.ts';`, [{ specifier: './a.ts', typeOnly: true }]],
    ['a dynamic import, nested', `async function f() { if (x) return (await import('./a.ts')).a; }`, [{ specifier: './a.ts', typeOnly: false }]],
    ['an import type in a type position', `let a: import('./a.ts').A;`, [{ specifier: './a.ts', typeOnly: true }]],
    ['an import = require', `import a = require('./a.ts');`, [{ specifier: './a.ts', typeOnly: false }]],
    ['a specifier in a string or comment', `const s = "import x from './a.ts'"; // import('./b.ts')`, []],
  ];
  it.each(CASES)('%s', (_name, code, expected) => {
    expect(importsOf(code).map(({ specifier, typeOnly }) => ({ specifier, typeOnly }))).toEqual(expected);
  });

  it('reads an .astro file’s frontmatter and scripts, with their lines in the file', () => {
    const astro = `---\n// A component.\nimport { db } from '../../db/client.ts';\n---\n<p>import nothing from 'here'</p>\n<script>\n  import { x } from './x.ts';\n</script>\n`;
    expect(importsOfFile('C.astro', astro).map(({ specifier, line }) => ({ specifier, line }))).toEqual([
      { specifier: '../../db/client.ts', line: 3 },
      { specifier: './x.ts', line: 7 },
    ]);
  });

  it('reads an MDX file’s import lines, not its frontmatter or prose', () => {
    const mdx = `---\ntitle: import x from 'no'\n---\nimport { a } from './a.ts';\nimport { b } from './b.ts';\n\nProse that says import c from 'c'.\n`;
    expect(importsOfFile('p.mdx', mdx).map(({ specifier, line }) => ({ specifier, line }))).toEqual([
      { specifier: './a.ts', line: 4 },
      { specifier: './b.ts', line: 5 },
    ]);
  });
});
