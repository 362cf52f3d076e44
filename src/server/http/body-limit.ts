// How large a request body may be, checked before it is read (Content-Length) and while it is
// read (a chunked body has none): a body is never held in memory past its limit. Forms are
// a few hundred bytes; Stripe's events a few kilobytes. Behind both checks, the Node
// adapter's bodySizeLimit (astro.config.mjs) stops any body Astro reads past 1 MiB.

/** Stripe's webhook: far above any event Stripe sends. */
export const WEBHOOK_PATH = '/api/stripe/webhook';
export const WEBHOOK_BODY_LIMIT = 1_000_000;
/** Every form and action: the largest (registration, a password change) is under 1 KB. */
export const FORM_BODY_LIMIT = 64 * 1024;

/** The limit for a request to `pathname` (the raw path, as the client sent it). */
export function bodyLimitFor(pathname: string): number {
  return pathname === WEBHOOK_PATH ? WEBHOOK_BODY_LIMIT : FORM_BODY_LIMIT;
}

/** The length the client declared, or undefined when it sent none (a chunked body). */
export function declaredLength(contentLength: string | undefined | null): number | undefined {
  if (contentLength === undefined || contentLength === null || !/^\d+$/.test(contentLength.trim())) return undefined;
  return Number(contentLength.trim());
}

/** A refusal as JSON both kinds of caller read: `error` as the site's endpoints answer
 * (the webhook), `code` and `message` as Astro's actions do. */
export function refusalJson(status: number, code: string, message: string): string {
  return JSON.stringify({ error: message, code, status, message });
}

/** What a refused body is answered with: JSON naming the limit. The rest of the upload is
 * not read: see closeAfterUnreadBody in request-guards.ts. */
export function payloadTooLarge(limit: number): Response {
  return new Response(refusalJson(413, 'CONTENT_TOO_LARGE', `The request body is larger than ${limit} bytes, the most this address accepts.`), {
    status: 413,
    headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' },
  });
}

export type LimitedBody = { text: string; tooLarge?: never } | { tooLarge: true; text?: never };

/**
 * Reads the body as UTF-8 text, stopping as soon as it passes `limit` bytes: the reading is
 * cancelled and nothing past the limit is kept.
 */
export async function readTextWithin(request: Request, limit: number): Promise<LimitedBody> {
  const declared = declaredLength(request.headers.get('content-length'));
  if (declared !== undefined && declared > limit) return { tooLarge: true };
  if (!request.body) return { text: '' };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return { tooLarge: true };
    }
    chunks.push(value);
  }
  return { text: Buffer.concat(chunks).toString('utf8') };
}
