// The names of the actions the site registers, read from the source of src/actions/index.ts
// (its `export const server = { … }`), so a newly added action is covered without anyone
// remembering to list it. Read as text: the module imports astro:actions, which plain Node
// cannot load.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../test-site.ts';

export function registeredActionNames(file = path.join(ROOT, 'src/actions/index.ts')): string[] {
  const source = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, '');
  const body = /export\s+const\s+server\s*=\s*\{([\s\S]*?)\}\s*(?:satisfies[^;]*)?;/.exec(source)?.[1];
  if (body === undefined) throw new Error(`No \`export const server = { … }\` found in ${file}`);
  const names = body
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      // `name`, `name: value` or `...spread`; only the first two can be listed statically.
      const match = /^([A-Za-z_$][\w$]*)\s*(?::|$)/.exec(entry);
      if (!match) throw new Error(`Cannot read the action entry \`${entry}\` in ${file}; list actions as \`name\` or \`name: value\`.`);
      return match[1]!;
    });
  if (names.length === 0) throw new Error(`No actions found in ${file}`);
  return names;
}
