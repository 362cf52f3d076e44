// Behind a proxy that ends TLS, the app sees every request as http://<host>, while a browser
// posting a form on https://<host> sends `Origin: https://<host>`; Astro's same-origin check
// would refuse every form. When the proxy is trusted (TRUST_PROXY=true) and says the request
// came over HTTPS, a same-origin Origin is rewritten to the address the app sees. Any other
// Origin is left as it is, so a cross-site form is still refused.
import type { IncomingHttpHeaders } from 'node:http';

function first(value: string | string[] | undefined): string | undefined {
  const one = Array.isArray(value) ? value[0] : value;
  return one?.split(',')[0]?.trim();
}

/** Rewrites `headers.origin` in place when the rule above applies. */
export function originAsSeenByApp(headers: IncomingHttpHeaders, trustProxy: boolean): void {
  if (!trustProxy || !headers.origin || !headers.host) return;
  if (first(headers['x-forwarded-proto'])?.toLowerCase() !== 'https') return;
  const publicHost = first(headers['x-forwarded-host']) ?? headers.host;
  if (headers.origin.toLowerCase() === `https://${publicHost.toLowerCase()}`) headers.origin = `http://${headers.host}`;
}
