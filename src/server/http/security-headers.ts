// The headers every response carries, whatever made it: a page, an endpoint, the anonymous
// cache, a static file, a refusal or the 503 page. They are set on the Node response before
// Astro runs, so a header Astro writes itself wins: pages get Astro's own Content-Security-
// Policy (security.csp in astro.config.mjs, with hashes of its scripts and styles), and
// every other answer keeps the strict one below.
import type { ServerResponse } from 'node:http';

/**
 * For answers Astro does not render as pages (JSON, feeds, the 503 page): nothing may run,
 * and only the 503 page's own inline style and the site's images may load.
 */
export const FALLBACK_CONTENT_SECURITY_POLICY =
  "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/** Two years, the figure the HSTS preload list asks for. */
const HSTS_SECONDS = 63_072_000;

export interface SecurityHeaderOptions {
  /** NODE_ENV=production: the site is served over HTTPS (see docs/deployment.md). */
  production: boolean;
}

export function securityHeaders(options: SecurityHeaderOptions): Record<string, string> {
  return {
    'Content-Security-Policy': FALLBACK_CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    // Other sites learn the origin a reader came from, never the path (a story, a token).
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    // frame-ancestors 'none' in the policy; this for browsers that predate it.
    'X-Frame-Options': 'DENY',
    // Only in production: a laptop serving http://localhost must not pin HTTPS on it.
    ...(options.production ? { 'Strict-Transport-Security': `max-age=${HSTS_SECONDS}; includeSubDomains` } : {}),
  };
}

/** Sets the headers as defaults on `res`; headers the handler writes later replace them. */
export function applySecurityHeaders(res: ServerResponse, options: SecurityHeaderOptions): void {
  for (const [name, value] of Object.entries(securityHeaders(options))) res.setHeader(name, value);
}
