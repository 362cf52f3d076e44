// What every response of the site must carry (src/server/http/security-headers.ts and
// security.csp in astro.config.mjs), as a list of what is missing, so one assertion names
// every gap of a page at once.

export interface HeaderLookup {
  get(name: string): string | null | undefined;
}

/** From a plain object of lower-case header names (node:http, raw-http.ts). */
export function lookup(headers: Record<string, string | string[] | undefined>): HeaderLookup {
  return { get: (name) => [headers[name.toLowerCase()]].flat()[0] ?? null };
}

function directive(policy: string, name: string): string | undefined {
  return policy.split(';').map((d) => d.trim()).find((d) => d === name || d.startsWith(`${name} `));
}

/**
 * What is wrong with `headers` for a response of the site; [] when nothing is. `html` asks
 * for a page's policy (Astro's, with hashed scripts and styles and nothing inline allowed);
 * `production` for HSTS, which only production may send.
 */
export function securityHeaderProblems(headers: HeaderLookup, options: { production: boolean; html?: boolean }): string[] {
  const problems: string[] = [];
  const policy = headers.get('content-security-policy') ?? '';
  if (!policy) problems.push('no Content-Security-Policy');
  if (directive(policy, 'frame-ancestors') !== "frame-ancestors 'none'") problems.push(`frame-ancestors is not 'none' in "${policy}"`);
  if (!directive(policy, 'default-src')) problems.push('no default-src');
  const scripts = directive(policy, 'script-src') ?? directive(policy, 'default-src') ?? '';
  if (/'unsafe-inline'|'unsafe-eval'|\*/.test(scripts)) problems.push(`scripts may run inline or from anywhere: "${scripts}"`);
  if (options.html && !/'sha256-/.test(directive(policy, 'style-src') ?? '')) problems.push('a page without hashed styles (not Astro’s policy)');
  if (headers.get('x-content-type-options') !== 'nosniff') problems.push('no X-Content-Type-Options: nosniff');
  if (!/^(strict-origin-when-cross-origin|strict-origin|same-origin|no-referrer)$/.test(headers.get('referrer-policy') ?? '')) problems.push(`Referrer-Policy is "${headers.get('referrer-policy')}"`);
  if (headers.get('x-frame-options') !== 'DENY') problems.push('no X-Frame-Options: DENY');
  const hsts = headers.get('strict-transport-security');
  if (options.production && !/max-age=\d{8,}/.test(hsts ?? '')) problems.push(`production without a long HSTS: "${hsts}"`);
  if (!options.production && hsts) problems.push(`HSTS outside production: "${hsts}"`);
  return problems;
}
