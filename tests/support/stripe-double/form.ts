// Stripe's form encoding, read back: `a[b][c]=x`, `line_items[0][price]=p`, `expand[]=x` and
// `expand[0]=x` become nested objects and arrays, as Stripe's API reads them.

export type FormValue = string | FormValue[] | FormObject;
export interface FormObject {
  [key: string]: FormValue;
}

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

function splitKey(key: string): string[] | undefined {
  const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(key);
  if (!match?.[1]) return undefined;
  const rest = [...(match[2] ?? '').matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1] ?? '');
  return [match[1], ...rest];
}

function isIndexed(value: FormObject): boolean {
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((k) => /^\d+$/.test(k));
}

/** Objects keyed only by 0, 1, 2… become arrays, except inside metadata (whose keys are free). */
function finish(value: FormValue, parentKey: string): FormValue {
  if (typeof value === 'string' || Array.isArray(value)) {
    return Array.isArray(value) ? value.map((v) => finish(v, '')) : value;
  }
  if (parentKey !== 'metadata' && isIndexed(value)) {
    return Object.keys(value)
      .sort((a, b) => Number(a) - Number(b))
      .map((k) => finish(value[k] as FormValue, k));
  }
  const out: FormObject = {};
  for (const [k, v] of Object.entries(value)) out[k] = finish(v, k);
  return out;
}

export function parseForm(encoded: string): FormObject {
  const root: FormObject = {};
  for (const [key, value] of new URLSearchParams(encoded)) {
    const path = splitKey(key);
    if (!path || path.some((p) => FORBIDDEN.has(p))) continue;
    let node: FormObject | FormValue[] = root;
    path.forEach((segment, i) => {
      const last = i === path.length - 1;
      if (Array.isArray(node)) {
        // `x[]` appends: a later `[]` or a deeper key starts a new element.
        if (last) node.push(value);
        else {
          const child: FormObject = {};
          node.push(child);
          node = child;
        }
        return;
      }
      const nextIsAppend = path[i + 1] === '';
      if (last) {
        node[segment] = value;
        return;
      }
      const existing: FormValue | undefined = node[segment];
      if (nextIsAppend) {
        node = Array.isArray(existing) ? existing : (node[segment] = []);
      } else {
        node = existing !== undefined && typeof existing === 'object' && !Array.isArray(existing) ? existing : (node[segment] = {});
      }
    });
  }
  return finish(root, '') as FormObject;
}

/** The value at a path, e.g. `at(p, 'line_items', 0, 'price')`. */
export function at(params: FormValue | undefined, ...path: (string | number)[]): FormValue | undefined {
  let node: FormValue | undefined = params;
  for (const key of path) {
    if (node === undefined || typeof node === 'string') return undefined;
    node = Array.isArray(node) ? node[Number(key)] : node[String(key)];
  }
  return node;
}

export function text(params: FormValue | undefined, ...path: (string | number)[]): string | undefined {
  const value = at(params, ...path);
  return typeof value === 'string' ? value : undefined;
}

/** A string-to-string map (metadata); an empty string value removes nothing and is kept. */
export function stringMap(params: FormValue | undefined, ...path: (string | number)[]): Record<string, string> {
  const value = at(params, ...path);
  const out: Record<string, string> = {};
  if (value === undefined || typeof value === 'string') return out;
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  for (const [k, v] of entries) if (typeof v === 'string') out[k] = v;
  return out;
}

export function list(params: FormValue | undefined, ...path: (string | number)[]): string[] {
  const value = at(params, ...path);
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}
