// The request id: sent back as X-Request-Id, written in every line the request logs, and shown
// on the error page. Taken from the incoming X-Request-Id only behind a proxy the operator
// runs (TRUST_PROXY) and only when it looks like an id; otherwise made here.
import { randomUUID } from 'node:crypto';

/** Letters, digits and . _ : + = / - (UUIDs, trace ids, load balancers' ids); no @, no spaces, at most 128. */
const SANE_ID = /^[A-Za-z0-9._:+=/-]{1,128}$/;

/** Whether an incoming id may be used as it is. */
export function isSaneRequestId(value: string): boolean {
  return SANE_ID.test(value);
}

/** The id for a request: the proxy's when trusted and sane, else a new one from `generate`. */
export function requestIdFor(incoming: string | string[] | undefined, trustProxy: boolean, generate: () => string = randomUUID): string {
  if (trustProxy && typeof incoming === 'string' && isSaneRequestId(incoming)) return incoming;
  return generate();
}
