// Text that may reach a log line from elsewhere (an error's message and stack, a library's
// warning) is cleaned of what logs must never hold: e-mail addresses, tokens and secrets in
// URLs or headers, cookies and client addresses. Structured fields are chosen not to hold them
// (ids, slugs, counts), so only free text goes through here.

const REPLACEMENTS: [RegExp, string][] = [
  // Credentials in a URL, scheme://user:password@host (before the e-mail rule, which would take password@host)
  [/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@:]+:[^\s/@]+@/gi, '$1[redacted]@'],
  // name@domain, however the domain ends
  [/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, '[email]'],
  // token=…, key=…, secret=…, password=…, session=… in a query string, a form or a message
  [/\b((?:[\w-]*token|key|secret|password|session|sig|signature)=)[^\s&;"',)<>]+/gi, '$1[redacted]'],
  // Cookie: …, Set-Cookie: …, Authorization: Bearer …
  [/\b((?:set-)?cookie|authorization)(["']?\s*[:=]\s*["']?)[^\n"']+/gi, '$1$2[redacted]'],
  [/\bBearer\s+[A-Za-z0-9._~+/=-]+/g, 'Bearer [redacted]'],
  // Stripe secrets and webhook secrets (sk_live_…, rk_test_…, whsec_…)
  [/\b(?:sk|rk|whsec)_[A-Za-z0-9_]{6,}/g, '[secret]'],
  // IPv4 addresses (an IPv6 one is rarely in a message; the forms below catch the common ones)
  [/\b(?:\d{1,3}\.){3}\d{1,3}\b/g, '[address]'],
  [/\b(?:[0-9a-f]{1,4}:){3,7}[0-9a-f]{1,4}\b/gi, '[address]'],
];

/** `text` with e-mail addresses, tokens, secrets, cookies and IP addresses replaced. */
export function redactText(text: string): string {
  let out = text;
  for (const [pattern, replacement] of REPLACEMENTS) out = out.replace(pattern, replacement);
  return out;
}
