// Pages live at URLs ending in "/". A GET for the same path without it is redirected there
// (one URL per page); other methods are left alone, so a POST to /api/stripe/webhook is not
// answered with a redirect that Stripe would not follow. The target is built from the request,
// so it must stay a path on this site (see isSameSitePath).
import { isSameSitePath } from '../auth/safe-next-path.ts';

/** Endpoints for machines (load balancers do not follow redirects), served as they are. */
const MACHINE_PATHS = new Set(['/healthz']);

/** The URL to redirect to, or undefined when the request should be served as it is. */
export function trailingSlashRedirect(method: string, pathname: string, search: string): string | undefined {
  if (method !== 'GET' && method !== 'HEAD') return undefined;
  if (pathname.endsWith('/') || pathname.startsWith('/_') || MACHINE_PATHS.has(pathname)) return undefined;
  const last = pathname.slice(pathname.lastIndexOf('/') + 1);
  if (last.includes('.')) return undefined; // a file: /rss.xml, /favicon.svg
  const target = `${pathname}/${search}`;
  return isSameSitePath(target) ? target : undefined;
}
