// Where to send a reader after registering or signing in: only a path on this site, so a
// crafted link cannot bounce them to another one (no open redirect). The check is made on
// the value that goes into the Location header, after URL normalisation: `/.//evil.example`
// is a harmless-looking input that normalises to `//evil.example`, which a browser reads as
// another host.

const BASE = 'http://masthead.invalid';
const MAX_LENGTH = 512;

/** Control characters (C0, DEL, C1) and the backslash, which browsers read as a slash. */
const UNSAFE_CHARACTER = /[\u0000-\u001f\u007f-\u009f\\]/;

/**
 * Whether `path` may be put in a Location header as it is and stay on this site: one `/`
 * followed by anything but `/` or `\`, printable ASCII only (a normalised URL path is
 * percent-encoded), and the same once percent-decoded, so a server or browser that decodes
 * `%2F`, `%5C` or `%09` before resolving still lands here.
 */
export function isSameSitePath(path: string): boolean {
  if (!/^\/(?![/\\])[\x21-\x7e]*$/.test(path) || path.includes('\\')) return false;
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return false; // a broken escape: no link of ours has one
  }
  return /^\/(?![/\\])/.test(decoded) && !UNSAFE_CHARACTER.test(decoded);
}

export function safeNextPath(raw: string | null | undefined, fallback = '/'): string {
  if (!raw || raw.length > MAX_LENGTH) return fallback;
  if (!raw.startsWith('/') || UNSAFE_CHARACTER.test(raw)) return fallback;
  let url: URL;
  try {
    url = new URL(raw, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  return isSameSitePath(path) ? path : fallback;
}
