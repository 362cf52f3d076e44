// Sends a generated form to an action the ways a client (or an attacker) can: as an RPC call
// (POST /_actions/<name>) or as a page form (POST <page>?_action=<name>), in every body
// encoding, well-formed or not, same-origin or cross-origin.
import fc from 'fast-check';
import type { FormEntries } from './action-forms.ts';

export type BodyKind =
  | 'urlencoded' | 'multipart' | 'bad-percent-encoding' | 'json' | 'malformed-json'
  | 'text-plain' | 'no-content-type' | 'garbled-multipart' | 'huge';

/** Encodings that Astro reads as a form (the rest are refused before the action runs). */
export const FORM_BODIES: BodyKind[] = ['urlencoded', 'multipart', 'bad-percent-encoding'];
/** Malformed JSON has a test of its own (hostile-actions.test.ts), so it is not drawn here. */
export const bodyKind = fc.constantFrom<BodyKind>(
  'urlencoded', 'urlencoded', 'multipart', 'multipart', 'bad-percent-encoding', 'json',
  'text-plain', 'no-content-type', 'garbled-multipart',
);

/** JSON a client could garble: cut short, not JSON at all, or nested past reason. */
export const MALFORMED_JSON_BODIES = ['{"email": [1, 2,', '{', '[1,2', 'nul', '{"a":"\\uD800"', `${'['.repeat(5000)}`, '\u0000'];

export interface HostileRequest {
  url: string;
  /** The site's own origin, or another one (a cross-site form post). */
  origin: string;
  cookie?: string | undefined;
  /** Each request its own client address, so per-address rate limits do not pile up. */
  clientAddress: string;
  body: BodyKind;
  form: FormEntries;
}

/** Above every form's body limit (64 KiB, src/server/http/body-limit.ts) and the adapter's (1 MiB). */
const HUGE_BYTES = 1024 * 1024 + 4096;

function urlencoded(form: FormEntries): string {
  return new URLSearchParams(form.map(([k, v]) => [k, typeof v === 'string' ? v : ''])).toString();
}

function encode(request: HostileRequest): { body: BodyInit | undefined; contentType: string | undefined } {
  const { form } = request;
  switch (request.body) {
    case 'urlencoded':
      return { body: urlencoded(form), contentType: 'application/x-www-form-urlencoded' };
    case 'multipart': {
      const data = new FormData();
      for (const [k, v] of form) {
        if (typeof v === 'string') data.append(k, v);
        else data.append(k, new Blob([v.file]), 'upload.bin');
      }
      return { body: data, contentType: undefined }; // fetch sets the boundary
    }
    case 'bad-percent-encoding':
      // Invalid UTF-8, an encoded lone surrogate and a broken escape, after the real fields.
      return { body: `${urlencoded(form)}&x=%FF%FE%ED%A0%80&%zz=%&email%00=1`, contentType: 'application/x-www-form-urlencoded' };
    case 'json':
      return { body: JSON.stringify(Object.fromEntries(form)), contentType: 'application/json' };
    case 'malformed-json':
      return { body: form[0]?.[1] as string, contentType: 'application/json' }; // the body is the form's one value
    case 'text-plain':
      return { body: form.map(([k, v]) => `${k}=${typeof v === 'string' ? v : ''}`).join('\n'), contentType: 'text/plain' };
    case 'no-content-type':
      return { body: new TextEncoder().encode(urlencoded(form)), contentType: undefined };
    case 'garbled-multipart':
      return { body: '--nope\r\nContent-Disposition: form-data; name="email"\r\n\r\nx', contentType: 'multipart/form-data; boundary=elsewhere' };
    case 'huge':
      return { body: `${urlencoded(form)}&pad=${'a'.repeat(HUGE_BYTES)}`, contentType: 'application/x-www-form-urlencoded' };
  }
}

export interface HostileAnswer {
  status: number;
  location: string | null;
  contentType: string;
  text: string;
}

export async function send(request: HostileRequest): Promise<HostileAnswer> {
  const { body, contentType } = encode(request);
  const headers: Record<string, string> = { Origin: request.origin, 'X-Forwarded-For': request.clientAddress };
  if (contentType) headers['Content-Type'] = contentType;
  if (request.cookie) headers.Cookie = request.cookie;
  const response = await fetch(request.url, { method: 'POST', headers, body: body ?? null, redirect: 'manual', signal: AbortSignal.timeout(30_000) });
  return { status: response.status, location: response.headers.get('location'), contentType: response.headers.get('content-type') ?? '', text: await response.text() };
}

let addressCounter = 0;
/** A client address no earlier request used (the server trusts X-Forwarded-For in tests). */
export function freshClientAddress(): string {
  addressCounter += 1;
  return `10.${(addressCounter >> 16) & 255}.${(addressCounter >> 8) & 255}.${addressCounter & 255}`;
}
